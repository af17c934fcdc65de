package io.rentapi.billing;

import io.rentapi.billing.accounts.BillingAccountDao;
import io.rentapi.core.mail.Mail;
import io.rentapi.core.mail.MailOutbox;
import io.rentapi.core.tenancy.OrgId;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Billing notices to an organization's owners and billing members, queued in the caller's transaction. */
public final class BillingMail {
    private final MailOutbox mail;

    public BillingMail(MailOutbox mail) {
        this.mail = mail;
    }

    /** An amount as people read it: 19.00 USD. */
    public static String amount(long minor, String currency) {
        return java.math.BigDecimal.valueOf(minor, java.util.Currency.getInstance(currency).getDefaultFractionDigits())
                .toPlainString() + " " + currency;
    }

    public void send(Handle transaction, OrgId orgId, String template, Map<String, String> model) {
        for (String to : transaction.attach(BillingAccountDao.class).billingContacts(orgId)) {
            mail.enqueue(transaction, new Mail(orgId, to, template, model));
        }
    }
}
