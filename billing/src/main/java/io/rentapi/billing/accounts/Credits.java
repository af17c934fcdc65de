package io.rentapi.billing.accounts;

import io.rentapi.core.outbox.Outbox;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Money added to an organization's credit balance, which pays its next invoices before any
 * provider: the balance, its ledger entry and a {@code billing.credit_added} event, in the caller's
 * transaction, under the billing account lock the caller holds.
 */
public final class Credits {
    private final Outbox outbox;

    public Credits(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The {@code billing.credit_added} event. */
    public record CreditAdded(long amount, String currency, String reason, Long invoiceId, long creditBalance) {
    }

    public void add(Handle h, OrgId orgId, long amount, String currency, String reason, Long invoiceId, Instant now) {
        BillingAccountDao accounts = h.attach(BillingAccountDao.class);
        accounts.addCredit(orgId, amount, now);
        accounts.creditEntry(orgId, amount, currency, reason, invoiceId, now);
        outbox.append(h, orgId, "billing.credit_added", new CreditAdded(amount, currency, reason, invoiceId,
                accounts.find(orgId).orElseThrow().creditBalance()));
    }
}
