package io.rentapi.api.auth;

import io.rentapi.core.tenancy.CrossTenant;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(RefreshToken.class)
public interface RefreshTokenDao {
    @SqlUpdate("""
        INSERT INTO refresh_tokens (org_id, user_id, family_id, token_hash, created_at, expires_at)
        VALUES (:orgId, :userId, :familyId, :tokenHash, :now, :expiresAt)
        """)
    void insert(OrgId orgId, long userId, long familyId, String tokenHash, Instant now, Instant expiresAt);

    @SqlQuery("""
        SELECT id, org_id, user_id, family_id, expires_at, used_at, revoked_at
          FROM refresh_tokens
         WHERE org_id = :orgId AND token_hash = :tokenHash
           FOR UPDATE
        """)
    Optional<RefreshToken> findForUpdate(OrgId orgId, String tokenHash);

    @SqlUpdate("UPDATE refresh_tokens SET used_at = :now WHERE org_id = :orgId AND id = :id")
    void markUsed(OrgId orgId, long id, Instant now);

    @CrossTenant("the clean-up job removes dead sessions of every organization")
    @SqlUpdate("DELETE FROM refresh_tokens WHERE expires_at < :before OR revoked_at < :before OR used_at < :before")
    int purge(Instant before);

    @SqlUpdate("""
        UPDATE refresh_tokens SET revoked_at = :now
         WHERE org_id = :orgId AND family_id = :familyId AND revoked_at IS NULL
        """)
    int revokeFamily(OrgId orgId, long familyId, Instant now);
}
