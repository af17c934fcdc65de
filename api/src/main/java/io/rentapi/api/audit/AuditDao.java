package io.rentapi.api.audit;

import io.rentapi.core.tenancy.CrossTenant;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface AuditDao {
    /** Written through {@link io.rentapi.core.db.Jdbc}: it runs on every audited write. */
    String INSERT = """
        INSERT INTO audit_log (org_id, occurred_at, category, severity, action, actor_type, actor_id, target_type,
                               target_id, ip, user_agent, request_id, status, before_state, after_state)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """;

    /** An event about a person (a failed log-in) goes to the trail of every organization they belong to. */
    @CrossTenant("an account-level event is written to each of the person's organizations, found by membership")
    @SqlUpdate("""
        INSERT INTO audit_log (org_id, occurred_at, category, severity, action, actor_type, actor_id, target_type,
                               target_id, ip, user_agent, request_id, status, before_state, after_state)
        SELECT org_id, :occurredAt, 'security', :severity, :action, :actorType, :actorId, 'user',
               :targetId, :ip, :userAgent, :requestId, :status, NULL, :after
          FROM memberships WHERE user_id = :userId
        """)
    int insertForUser(long userId, Instant occurredAt, String severity, String action, String actorType, Long actorId,
                      String targetId, String ip, String userAgent, String requestId, Integer status, String after);
}
