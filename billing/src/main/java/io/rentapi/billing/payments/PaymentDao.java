package io.rentapi.billing.payments;

import io.rentapi.core.tenancy.CrossTenant;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Payment.class)
@RegisterConstructorMapper(Refund.class)
public interface PaymentDao {
    String COLUMNS = """
        id, org_id, invoice_id, provider, status, amount, amount_refunded, currency, off_session, provider_ref,
        approval_url, client_secret, failure_code, failure_message, next_check_at, checks, created_at, updated_at
        """;

    @SqlUpdate("""
        INSERT INTO payments (org_id, invoice_id, provider, status, amount, currency, off_session, next_check_at,
                              created_at, updated_at)
        VALUES (:orgId, :invoiceId, :provider, 'pending', :amount, :currency, :offSession, :nextCheckAt, :now, :now)
        """)
    @GetGeneratedKeys("id")
    long insert(OrgId orgId, long invoiceId, String provider, long amount, String currency, boolean offSession,
                Instant nextCheckAt, Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM payments WHERE org_id = :orgId AND id = :id")
    Optional<Payment> find(OrgId orgId, long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM payments WHERE org_id = :orgId AND id = :id FOR UPDATE")
    Optional<Payment> lock(OrgId orgId, long id);

    @SqlQuery("SELECT " + COLUMNS + """
         FROM payments WHERE org_id = :orgId AND invoice_id = :invoiceId AND status IN ('pending', 'unknown')
         ORDER BY id DESC LIMIT 1
        """)
    Optional<Payment> inFlight(OrgId orgId, long invoiceId);

    @SqlQuery("SELECT " + COLUMNS + """
         FROM payments
        WHERE org_id = :orgId AND id > :idAbove AND id < :idBelow
        ORDER BY id <order>
        LIMIT :fetch
        """)
    List<Payment> page(OrgId orgId, long idAbove, long idBelow, @Define String order, int fetch);

    @SqlUpdate("""
        UPDATE payments SET status = :status, provider_ref = COALESCE(:providerRef, provider_ref),
               approval_url = COALESCE(:approvalUrl, approval_url), client_secret = COALESCE(:clientSecret, client_secret),
               failure_code = :failureCode, failure_message = :failureMessage, next_check_at = :nextCheckAt,
               updated_at = :now
         WHERE org_id = :orgId AND id = :id
        """)
    int record(OrgId orgId, long id, String status, String providerRef, String approvalUrl, String clientSecret,
               String failureCode, String failureMessage, Instant nextCheckAt, Instant now);

    @SqlUpdate("""
        UPDATE payments SET amount_refunded = amount_refunded + :amount, status = :status, updated_at = :now
         WHERE org_id = :orgId AND id = :id
        """)
    int refunded(OrgId orgId, long id, long amount, String status, Instant now);

    @SqlUpdate("UPDATE payments SET checks = checks + 1, next_check_at = :nextCheckAt, updated_at = :now WHERE org_id = :orgId AND id = :id")
    int checked(OrgId orgId, long id, Instant nextCheckAt, Instant now);

    /** Payments whose provider is due to be asked again; the claim pushes next_check_at forward as a lease. */
    @CrossTenant("reconciliation serves every organization")
    @SqlQuery("SELECT " + COLUMNS + """
         FROM payments
        WHERE status IN ('pending', 'unknown') AND next_check_at <= :now
        ORDER BY next_check_at
        LIMIT :limit
        FOR UPDATE SKIP LOCKED
        """)
    List<Payment> claimDueChecks(Instant now, int limit);

    @CrossTenant("a provider's webhook names its own reference, not our organization")
    @SqlQuery("SELECT " + COLUMNS + """
         FROM payments WHERE provider = :provider AND provider_ref = :providerRef ORDER BY id DESC LIMIT 1
        """)
    Optional<Payment> findByProviderRef(String provider, String providerRef);

    @CrossTenant("a provider's webhook carries our payment id in its metadata, not our organization")
    @SqlQuery("SELECT " + COLUMNS + " FROM payments WHERE provider = :provider AND id = :id")
    Optional<Payment> findByProviderAndId(String provider, long id);

    @SqlUpdate("""
        INSERT INTO refunds (org_id, payment_id, amount, status, reason, next_check_at, created_at, updated_at)
        VALUES (:orgId, :paymentId, :amount, 'pending', :reason, :nextCheckAt, :now, :now)
        """)
    @GetGeneratedKeys("id")
    long insertRefund(OrgId orgId, long paymentId, long amount, String reason, Instant nextCheckAt, Instant now);

    @SqlQuery("SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE org_id = :orgId AND payment_id = :paymentId AND status = 'pending'")
    long pendingRefunds(OrgId orgId, long paymentId);

    /** Settles a pending refund; 0 when it was settled already, so its money is counted once. */
    @SqlUpdate("""
        UPDATE refunds SET status = :status, provider_ref = COALESCE(:providerRef, provider_ref), next_check_at = NULL,
               updated_at = :now
         WHERE org_id = :orgId AND id = :id AND status = 'pending'
        """)
    int settleRefund(OrgId orgId, long id, String status, String providerRef, Instant now);

    @SqlUpdate("""
        UPDATE refunds SET provider_ref = COALESCE(:providerRef, provider_ref), updated_at = :now
         WHERE org_id = :orgId AND id = :id AND status = 'pending'
        """)
    int refundStillPending(OrgId orgId, long id, String providerRef, Instant now);

    String REFUND_COLUMNS = "id, org_id, payment_id, amount, status, provider_ref, reason, next_check_at, checks, created_at";

    @SqlQuery("SELECT " + REFUND_COLUMNS + " FROM refunds WHERE org_id = :orgId AND id = :id")
    Optional<Refund> findRefund(OrgId orgId, long id);

    @SqlQuery("SELECT " + REFUND_COLUMNS + " FROM refunds WHERE org_id = :orgId AND payment_id = :paymentId ORDER BY id")
    List<Refund> refunds(OrgId orgId, long paymentId);

    /** Pending refunds whose provider is due to be asked again; the claim pushes next_check_at forward as a lease. */
    @CrossTenant("reconciliation serves every organization")
    @SqlQuery("SELECT " + REFUND_COLUMNS + """
         FROM refunds
        WHERE status = 'pending' AND next_check_at <= :now
        ORDER BY next_check_at
        LIMIT :limit
        FOR UPDATE SKIP LOCKED
        """)
    List<Refund> claimDueRefundChecks(Instant now, int limit);

    @SqlUpdate("UPDATE refunds SET checks = checks + 1, next_check_at = :nextCheckAt, updated_at = :now WHERE org_id = :orgId AND id = :id")
    int refundChecked(OrgId orgId, long id, Instant nextCheckAt, Instant now);
}
