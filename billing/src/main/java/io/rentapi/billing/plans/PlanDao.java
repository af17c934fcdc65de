package io.rentapi.billing.plans;

import io.rentapi.core.tenancy.OrgId;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

@RegisterConstructorMapper(Plan.class)
public interface PlanDao {
    @SqlQuery("""
        SELECT id, code, name, requests_per_hour, requests_per_day, burst_per_second
          FROM plans WHERE code = :code
        """)
    Optional<Plan> findByCode(String code);

    @SqlQuery("""
        SELECT id, code, name, requests_per_hour, requests_per_day, burst_per_second
          FROM plans WHERE active ORDER BY requests_per_hour
        """)
    List<Plan> active();

    /** The plan of the organization's live subscription, if it has one. */
    @SqlQuery("""
        SELECT p.id, p.code, p.name, p.requests_per_hour, p.requests_per_day, p.burst_per_second
          FROM subscriptions s JOIN plans p ON p.id = s.plan_id
         WHERE s.org_id = :orgId AND s.status IN ('trialing', 'active', 'past_due')
         ORDER BY s.id DESC
         LIMIT 1
        """)
    Optional<Plan> subscribed(OrgId orgId);
}
