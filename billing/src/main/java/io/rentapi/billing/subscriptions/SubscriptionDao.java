package io.rentapi.billing.subscriptions;

import io.rentapi.core.tenancy.CrossTenant;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Subscription.class)
public interface SubscriptionDao {
    String COLUMNS = """
        id, org_id, plan_id, status, billing_interval, provider, current_period_start, current_period_end, trial_end,
        cancel_at_period_end, canceled_at, paused_at, pending_plan_id, pending_interval, dunning_invoice_id,
        past_due_since, dunning_attempts, next_dunning_at, created_at, updated_at
        """;

    /** The organization's subscription that is not canceled, if any: live or paused. */
    @SqlQuery("SELECT " + COLUMNS + """
         FROM subscriptions WHERE org_id = :orgId AND status <> 'canceled' ORDER BY id DESC LIMIT 1
        """)
    Optional<Subscription> current(OrgId orgId);

    /** The latest subscription, canceled or not, for GET /v1/subscription. */
    @SqlQuery("SELECT " + COLUMNS + " FROM subscriptions WHERE org_id = :orgId ORDER BY id DESC LIMIT 1")
    Optional<Subscription> latest(OrgId orgId);

    @SqlQuery("SELECT " + COLUMNS + " FROM subscriptions WHERE org_id = :orgId AND id = :id")
    Optional<Subscription> find(OrgId orgId, long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM subscriptions WHERE org_id = :orgId AND id = :id FOR UPDATE")
    Optional<Subscription> lock(OrgId orgId, long id);

    @SqlUpdate("""
        INSERT INTO subscriptions (org_id, plan_id, status, billing_interval, provider, current_period_start,
                                   current_period_end, trial_end, created_at, updated_at)
        VALUES (:orgId, :planId, :status, :interval, :provider, :periodStart, :periodEnd, :trialEnd, :now, :now)
        """)
    @GetGeneratedKeys("id")
    long insert(OrgId orgId, long planId, String status, String interval, String provider, Instant periodStart,
                Instant periodEnd, Instant trialEnd, Instant now);

    @SqlUpdate("UPDATE subscriptions SET status = :status, updated_at = :now WHERE org_id = :orgId AND id = :id")
    int setStatus(OrgId orgId, long id, String status, Instant now);

    @SqlUpdate("""
        UPDATE subscriptions SET status = 'canceled', canceled_at = :now, cancel_at_period_end = FALSE,
               next_dunning_at = NULL, updated_at = :now
         WHERE org_id = :orgId AND id = :id
        """)
    int cancelNow(OrgId orgId, long id, Instant now);

    @SqlUpdate("UPDATE subscriptions SET cancel_at_period_end = :cancel, updated_at = :now WHERE org_id = :orgId AND id = :id")
    int setCancelAtPeriodEnd(OrgId orgId, long id, boolean cancel, Instant now);

    @SqlUpdate("""
        UPDATE subscriptions SET plan_id = :planId, pending_plan_id = NULL, pending_interval = NULL, updated_at = :now
         WHERE org_id = :orgId AND id = :id
        """)
    int changePlan(OrgId orgId, long id, long planId, Instant now);

    @SqlUpdate("""
        UPDATE subscriptions SET pending_plan_id = :planId, pending_interval = :interval, updated_at = :now
         WHERE org_id = :orgId AND id = :id
        """)
    int schedulePlan(OrgId orgId, long id, Long planId, String interval, Instant now);

    @SqlUpdate("""
        UPDATE subscriptions SET plan_id = :planId, billing_interval = :interval, status = :status,
               current_period_start = :periodStart, current_period_end = :periodEnd,
               pending_plan_id = NULL, pending_interval = NULL, updated_at = :now
         WHERE org_id = :orgId AND id = :id
        """)
    int startPeriod(OrgId orgId, long id, long planId, String interval, String status, Instant periodStart,
                    Instant periodEnd, Instant now);

    @SqlUpdate("UPDATE subscriptions SET status = 'paused', paused_at = :now, updated_at = :now WHERE org_id = :orgId AND id = :id")
    int pause(OrgId orgId, long id, Instant now);

    @SqlUpdate("""
        UPDATE subscriptions SET status = 'past_due', dunning_invoice_id = :invoiceId, past_due_since = :now,
               dunning_attempts = 0, next_dunning_at = :nextAttempt, updated_at = :now
         WHERE org_id = :orgId AND id = :id
        """)
    int startDunning(OrgId orgId, long id, long invoiceId, Instant nextAttempt, Instant now);

    @SqlUpdate("UPDATE subscriptions SET next_dunning_at = :nextAttempt, updated_at = :now WHERE org_id = :orgId AND id = :id")
    int scheduleDunning(OrgId orgId, long id, Instant nextAttempt, Instant now);

    @SqlUpdate("""
        UPDATE subscriptions SET dunning_attempts = dunning_attempts + 1, next_dunning_at = NULL, updated_at = :now
         WHERE org_id = :orgId AND id = :id
        """)
    int takeDunningAttempt(OrgId orgId, long id, Instant now);

    @SqlUpdate("""
        UPDATE subscriptions SET status = 'active', dunning_invoice_id = NULL, past_due_since = NULL,
               dunning_attempts = 0, next_dunning_at = NULL, updated_at = :now
         WHERE org_id = :orgId AND id = :id
        """)
    int recover(OrgId orgId, long id, Instant now);

    /**
     * Subscriptions whose period has ended. Not a claim: each is renewed under its organization's
     * billing account lock, taken with SKIP LOCKED, so concurrent workers share the list.
     */
    @CrossTenant("the renewal job serves every organization")
    @SqlQuery("SELECT " + COLUMNS + """
         FROM subscriptions
        WHERE status IN ('trialing', 'active') AND current_period_end <= :now
        ORDER BY current_period_end
        LIMIT :limit
        """)
    List<Subscription> dueForRenewal(Instant now, int limit);

    @CrossTenant("the dunning job serves every organization")
    @SqlQuery("SELECT " + COLUMNS + """
         FROM subscriptions
        WHERE status = 'past_due' AND next_dunning_at <= :now
        ORDER BY next_dunning_at
        LIMIT :limit
        """)
    List<Subscription> dueForDunning(Instant now, int limit);
}
