package io.rentapi.billing.accounts;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

@RegisterConstructorMapper(BillingAccount.class)
public interface BillingAccountDao {
    String COLUMNS = "org_id, currency, credit_balance, last_invoice_number, stripe_customer_id, stripe_payment_method_id";

    /** Creates the row if missing; concurrent first uses meet on the primary key. */
    @SqlUpdate("""
        INSERT INTO billing_accounts (org_id, currency, credit_balance, last_invoice_number, created_at, updated_at)
        VALUES (:orgId, :currency, 0, 0, :now, :now)
        ON CONFLICT DO NOTHING
        """)
    int ensure(OrgId orgId, String currency, Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM billing_accounts WHERE org_id = :orgId")
    Optional<BillingAccount> find(OrgId orgId);

    /** Every change to an organization's subscription, invoices and credit takes this lock first. */
    @SqlQuery("SELECT " + COLUMNS + " FROM billing_accounts WHERE org_id = :orgId FOR UPDATE")
    Optional<BillingAccount> lock(OrgId orgId);

    /** The lock, or nothing when another transaction holds it: background jobs move on to other work. */
    @SqlQuery("SELECT " + COLUMNS + " FROM billing_accounts WHERE org_id = :orgId FOR UPDATE SKIP LOCKED")
    Optional<BillingAccount> lockIfFree(OrgId orgId);

    @Transaction
    default BillingAccount lockOrCreate(OrgId orgId, String currency, Instant now) {
        ensure(orgId, currency, now);
        return lock(orgId).orElseThrow();
    }

    @SqlUpdate("UPDATE billing_accounts SET last_invoice_number = last_invoice_number + 1, updated_at = :now WHERE org_id = :orgId")
    int nextInvoiceNumber(OrgId orgId, Instant now);

    @SqlUpdate("UPDATE billing_accounts SET credit_balance = credit_balance + :delta, updated_at = :now WHERE org_id = :orgId")
    int addCredit(OrgId orgId, long delta, Instant now);

    @SqlUpdate("""
        INSERT INTO credit_entries (org_id, amount, currency, reason, invoice_id, created_at)
        VALUES (:orgId, :amount, :currency, :reason, :invoiceId, :now)
        """)
    void creditEntry(OrgId orgId, long amount, String currency, String reason, Long invoiceId, Instant now);

    @SqlUpdate("UPDATE billing_accounts SET stripe_customer_id = :customerId, updated_at = :now WHERE org_id = :orgId AND stripe_customer_id IS NULL")
    int setStripeCustomer(OrgId orgId, String customerId, Instant now);

    /**
     * Saves the card a payment was made with when the organization has none saved; one set up on
     * purpose (SetupIntent, Checkout) is replaced only by another set up on purpose.
     */
    @SqlUpdate("""
        UPDATE billing_accounts SET stripe_payment_method_id = :paymentMethodId, payment_method_source = 'payment',
               payment_method_saved_at = :now, updated_at = :now
         WHERE org_id = :orgId AND stripe_payment_method_id IS NULL
        """)
    int setStripePaymentMethod(OrgId orgId, String paymentMethodId, Instant now);

    /**
     * An account opened before its first paid plan (to save a card) takes that plan's currency,
     * as long as nothing was ever invoiced or credited in its own.
     */
    @SqlUpdate("""
        UPDATE billing_accounts SET currency = :currency, updated_at = :now
         WHERE org_id = :orgId AND last_invoice_number = 0 AND credit_balance = 0
           AND NOT EXISTS (SELECT 1 FROM credit_entries c WHERE c.org_id = :orgId)
        """)
    boolean adoptCurrency(OrgId orgId, String currency, Instant now);

    /** Who hears about the organization's billing: its owners and billing members. */
    @SqlQuery("""
        SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = :orgId AND m.role IN ('owner', 'billing')
         ORDER BY u.id
        """)
    List<String> billingContacts(OrgId orgId);
}
