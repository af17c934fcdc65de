package io.rentapi.billing.invoices;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Invoice.class)
@RegisterConstructorMapper(InvoiceLine.class)
public interface InvoiceDao {
    String COLUMNS = """
        id, org_id, number, subscription_id, reason, status, currency, subtotal, tax_rate_bp, tax, total,
        credit_applied, amount_due, amount_paid, provider, period_start, period_end, paid_at, voided_at,
        created_at, updated_at
        """;

    @SqlUpdate("""
        INSERT INTO invoices (org_id, number, subscription_id, reason, status, currency, subtotal, tax_rate_bp, tax,
                              total, credit_applied, amount_due, amount_paid, provider, period_start, period_end,
                              renewal_key, created_at, updated_at)
        VALUES (:orgId, :number, :subscriptionId, :reason, 'draft', :currency, 0, :taxRateBp, 0, 0, 0, 0, 0,
                :provider, :periodStart, :periodEnd, :renewalKey, :now, :now)
        """)
    @GetGeneratedKeys("id")
    long insertDraft(OrgId orgId, String number, Long subscriptionId, String reason, String currency, int taxRateBp,
                     String provider, Instant periodStart, Instant periodEnd, String renewalKey, Instant now);

    @SqlUpdate("""
        INSERT INTO invoice_lines (org_id, invoice_id, kind, description, amount, period_start, period_end)
        VALUES (:orgId, :invoiceId, :kind, :description, :amount, :periodStart, :periodEnd)
        """)
    void insertLine(OrgId orgId, long invoiceId, String kind, String description, long amount, Instant periodStart,
                    Instant periodEnd);

    @SqlUpdate("""
        UPDATE invoices SET status = 'open', subtotal = :subtotal, tax = :tax, total = :total,
               credit_applied = :creditApplied, amount_due = :amountDue, updated_at = :now
         WHERE org_id = :orgId AND id = :id AND status = 'draft'
        """)
    int finalizeDraft(OrgId orgId, long id, long subtotal, long tax, long total, long creditApplied, long amountDue,
                      Instant now);

    @SqlUpdate("""
        UPDATE invoices SET credit_applied = credit_applied + :credit, amount_due = amount_due - :credit, updated_at = :now
         WHERE org_id = :orgId AND id = :id AND status = 'open'
        """)
    int applyCredit(OrgId orgId, long id, long credit, Instant now);

    /**
     * An open invoice, or one written off whose subscription still runs; 0 for any other, whose
     * payment is then credited (an invoice written off with its canceled subscription bought nothing).
     */
    @SqlUpdate("""
        UPDATE invoices SET status = 'paid', amount_paid = amount_due, paid_at = :now, updated_at = :now
         WHERE org_id = :orgId AND id = :id
           AND (status = 'open'
                OR status = 'uncollectible' AND NOT EXISTS (
                    SELECT 1 FROM subscriptions s
                     WHERE s.org_id = invoices.org_id AND s.id = invoices.subscription_id AND s.status = 'canceled'))
        """)
    int markPaid(OrgId orgId, long id, Instant now);

    @SqlUpdate("""
        UPDATE invoices SET status = :status, voided_at = :now, updated_at = :now
         WHERE org_id = :orgId AND id = :id AND status = 'open'
        """)
    int close(OrgId orgId, long id, String status, Instant now);

    /** Takes back the credit a closed invoice had applied: its whole total is what went unpaid. */
    @SqlUpdate("""
        UPDATE invoices SET amount_due = amount_due + credit_applied, credit_applied = 0, updated_at = :now
         WHERE org_id = :orgId AND id = :id AND status IN ('void', 'uncollectible')
        """)
    int returnCredit(OrgId orgId, long id, Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM invoices WHERE org_id = :orgId AND id = :id")
    Optional<Invoice> find(OrgId orgId, long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM invoices WHERE org_id = :orgId AND id = :id FOR UPDATE")
    Optional<Invoice> lock(OrgId orgId, long id);

    @SqlQuery("SELECT " + COLUMNS + """
         FROM invoices WHERE org_id = :orgId AND subscription_id = :subscriptionId AND status = 'open' ORDER BY id
        """)
    List<Invoice> openOfSubscription(OrgId orgId, long subscriptionId);

    /**
     * Renewal invoices left open without any payment since before {@code createdBefore}: the worker
     * that opened one stopped before collecting it. Invoices with a payment belong to dunning.
     */
    @io.rentapi.core.tenancy.CrossTenant("the renewal job serves every organization")
    @SqlQuery("SELECT " + COLUMNS + """
         FROM invoices
        WHERE status = 'open' AND reason = 'subscription_cycle' AND created_at <= :createdBefore
          AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.org_id = invoices.org_id AND p.invoice_id = invoices.id)
          AND EXISTS (SELECT 1 FROM subscriptions s
                       WHERE s.org_id = invoices.org_id AND s.id = invoices.subscription_id
                         AND s.status IN ('active', 'past_due'))
        ORDER BY created_at
        LIMIT :limit
        """)
    List<Invoice> uncollectedRenewals(Instant createdBefore, int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM invoices WHERE org_id = :orgId AND renewal_key = :renewalKey")
    Optional<Invoice> findByRenewalKey(OrgId orgId, String renewalKey);

    @SqlQuery("SELECT " + COLUMNS + """
         FROM invoices
        WHERE org_id = :orgId AND id > :idAbove AND id < :idBelow
        ORDER BY id <order>
        LIMIT :fetch
        """)
    List<Invoice> page(OrgId orgId, long idAbove, long idBelow, @Define String order, int fetch);

    @io.rentapi.core.tenancy.CrossTenant("platform admins name an invoice by its id, which is unique across organizations")
    @SqlQuery("SELECT org_id FROM invoices WHERE id = :id")
    Optional<OrgId> orgOf(long id);

    @SqlQuery("SELECT MAX(id) FROM payments WHERE org_id = :orgId AND invoice_id = :invoiceId")
    Optional<Long> latestPaymentId(OrgId orgId, long invoiceId);

    @SqlQuery("""
        SELECT id, org_id, invoice_id, kind, description, amount, period_start, period_end
          FROM invoice_lines WHERE org_id = :orgId AND invoice_id = :invoiceId ORDER BY id
        """)
    List<InvoiceLine> lines(OrgId orgId, long invoiceId);
}
