package io.rentapi.core.mail;

import io.rentapi.core.tenancy.CrossTenant;
import java.time.Instant;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The mail queue is addressed to people, not organizations, and drained by one sender for all. */
public interface MailDao {
    @SqlUpdate("""
        INSERT INTO mail_outbox (org_id, recipient, template, model, status, attempts, next_attempt_at, created_at)
        VALUES (:orgId, :recipient, :template, :model, 'pending', 0, :createdAt, :createdAt)
        """)
    @GetGeneratedKeys("id")
    @CrossTenant("account mail (password reset, verification) has no organization; org_id is informative")
    long insert(Long orgId, String recipient, String template, String model, Instant createdAt);
}
