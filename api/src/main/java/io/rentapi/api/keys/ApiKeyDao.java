package io.rentapi.api.keys;

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

@RegisterConstructorMapper(ApiKey.class)
@RegisterConstructorMapper(KeyCredentials.class)
public interface ApiKeyDao {
    String COLUMNS = """
        id, org_id, created_by, name, prefix, last4, scopes, allowed_ips, requests_per_hour, requests_per_day,
        burst_per_second, expires_at, revoked_at, rotated_at, previous_expires_at, last_used_at, created_at, updated_at
        """;

    @SqlUpdate("""
        INSERT INTO api_keys (org_id, created_by, name, prefix, last4, key_hash, scopes, allowed_ips,
                              requests_per_hour, requests_per_day, burst_per_second, expires_at, created_at, updated_at)
        VALUES (:orgId, :createdBy, :name, :prefix, :last4, :keyHash, :scopes, :allowedIps,
                :requestsPerHour, :requestsPerDay, :burstPerSecond, :expiresAt, :now, :now)
        """)
    @GetGeneratedKeys("id")
    long insert(OrgId orgId, long createdBy, String name, String prefix, String last4, String keyHash, String scopes,
                String allowedIps, Long requestsPerHour, Long requestsPerDay, Long burstPerSecond, Instant expiresAt,
                Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE org_id = :orgId AND id = :id")
    Optional<ApiKey> find(OrgId orgId, long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE org_id = :orgId AND id = :id FOR UPDATE")
    Optional<ApiKey> lock(OrgId orgId, long id);

    @SqlQuery("""
        SELECT key_hash FROM api_keys WHERE org_id = :orgId AND id = :id
        UNION ALL
        SELECT previous_key_hash FROM api_keys WHERE org_id = :orgId AND id = :id AND previous_key_hash IS NOT NULL
        """)
    List<String> hashes(OrgId orgId, long id);

    @SqlQuery("SELECT " + COLUMNS + """
         FROM api_keys
        WHERE org_id = :orgId AND id > :idAbove AND id < :idBelow
        ORDER BY id <order>
        LIMIT :fetch
        """)
    List<ApiKey> page(OrgId orgId, long idAbove, long idBelow, @Define String order, int fetch);

    @SqlUpdate("""
        UPDATE api_keys SET name = :name, scopes = :scopes, allowed_ips = :allowedIps,
               requests_per_hour = :requestsPerHour, requests_per_day = :requestsPerDay,
               burst_per_second = :burstPerSecond, updated_at = :now
         WHERE org_id = :orgId AND id = :id
        """)
    int update(OrgId orgId, long id, String name, String scopes, String allowedIps, Long requestsPerHour,
               Long requestsPerDay, Long burstPerSecond, Instant now);

    @SqlUpdate("""
        UPDATE api_keys SET previous_key_hash = key_hash, previous_expires_at = :graceEnds,
               key_hash = :keyHash, last4 = :last4, rotated_at = :now, updated_at = :now
         WHERE org_id = :orgId AND id = :id
        """)
    int rotate(OrgId orgId, long id, String keyHash, String last4, Instant graceEnds, Instant now);

    @SqlUpdate("UPDATE api_keys SET revoked_at = :now, updated_at = :now WHERE org_id = :orgId AND id = :id AND revoked_at IS NULL")
    int revoke(OrgId orgId, long id, Instant now);

    @SqlUpdate("""
        UPDATE api_keys SET last_used_at = :usedAt
         WHERE org_id = :orgId AND id = :id AND (last_used_at IS NULL OR last_used_at < :usedAt)
        """)
    int touch(OrgId orgId, long id, Instant usedAt);

    @CrossTenant("authentication learns the organization from the key's hash")
    @SqlQuery("""
        SELECT k.id, k.org_id, k.created_by, k.key_hash, k.previous_key_hash, k.previous_expires_at, k.scopes,
               k.allowed_ips, k.requests_per_hour, k.requests_per_day, k.burst_per_second, k.expires_at, k.revoked_at,
               m.role AS creator_role
          FROM api_keys k LEFT JOIN memberships m ON m.org_id = k.org_id AND m.user_id = k.created_by
         WHERE k.key_hash = :hash OR k.previous_key_hash = :hash
        """)
    Optional<KeyCredentials> credentials(String hash);

}
