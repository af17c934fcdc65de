package io.rentapi.core.idempotency;

import io.rentapi.core.tenancy.CrossTenant;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(IdempotencyRecord.class)
public interface IdempotencyDao {
    @SqlUpdate("""
        INSERT INTO idempotency_keys (org_id, idem_key, request_hash, state, locked_at, created_at, expires_at)
        VALUES (:orgId, :key, :requestHash, 'in_progress', :now, :now, :expiresAt)
        """)
    void insert(OrgId orgId, String key, String requestHash, Instant now, Instant expiresAt);

    @SqlQuery("""
        SELECT org_id, idem_key, request_hash, state, response_status, response_type, response_body, response_redacted,
               locked_at, expires_at
          FROM idempotency_keys
         WHERE org_id = :orgId AND idem_key = :key
        """)
    Optional<IdempotencyRecord> find(OrgId orgId, String key);

    /** Takes over a claim whose holder died; the compare on locked_at lets only one caller win. */
    @SqlUpdate("""
        UPDATE idempotency_keys SET locked_at = :now
         WHERE org_id = :orgId AND idem_key = :key AND state = 'in_progress' AND locked_at = :lockedAt
        """)
    int takeOver(OrgId orgId, String key, Instant lockedAt, Instant now);

    @SqlUpdate("""
        UPDATE idempotency_keys
           SET state = 'completed', response_status = :status, response_type = :contentType,
               response_body = :body, response_redacted = :redacted, locked_at = NULL
         WHERE org_id = :orgId AND idem_key = :key AND state = 'in_progress'
        """)
    int complete(OrgId orgId, String key, int status, String contentType, String body, String redacted);

    @SqlUpdate("DELETE FROM idempotency_keys WHERE org_id = :orgId AND idem_key = :key AND state = 'in_progress'")
    int release(OrgId orgId, String key);

    @SqlUpdate("DELETE FROM idempotency_keys WHERE org_id = :orgId AND idem_key = :key AND expires_at <= :now")
    int deleteIfExpired(OrgId orgId, String key, Instant now);

    @CrossTenant("the clean-up job removes expired keys of every organization")
    @SqlUpdate("DELETE FROM idempotency_keys WHERE expires_at <= :now")
    int purgeExpired(Instant now);
}
