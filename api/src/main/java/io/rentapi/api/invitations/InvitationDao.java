package io.rentapi.api.invitations;

import io.rentapi.api.orgs.RoleColumnMapper;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterColumnMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Invitation.class)
@RegisterColumnMapper(RoleColumnMapper.class)
public interface InvitationDao {
    String COLUMNS = "id, org_id, email, role, invited_by, created_at, expires_at, accepted_at, accepted_by, revoked_at";

    @SqlUpdate("""
        INSERT INTO invitations (org_id, email, role, token_hash, invited_by, created_at, expires_at)
        VALUES (:orgId, :email, :role, :tokenHash, :invitedBy, :now, :expiresAt)
        """)
    @GetGeneratedKeys("id")
    long insert(OrgId orgId, String email, String role, String tokenHash, long invitedBy, Instant now, Instant expiresAt);

    @SqlQuery("SELECT " + COLUMNS + " FROM invitations WHERE org_id = :orgId AND id = :id")
    Optional<Invitation> find(OrgId orgId, long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM invitations WHERE org_id = :orgId AND id = :id FOR UPDATE")
    Optional<Invitation> lock(OrgId orgId, long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM invitations WHERE org_id = :orgId AND token_hash = :tokenHash FOR UPDATE")
    Optional<Invitation> lockByToken(OrgId orgId, String tokenHash);

    @SqlQuery("""
        SELECT id, org_id, email, role, invited_by, created_at, expires_at, accepted_at, accepted_by, revoked_at
          FROM invitations
         WHERE org_id = :orgId AND id > :idAbove AND id < :idBelow
         ORDER BY id <order>
         LIMIT :fetch
        """)
    List<Invitation> page(OrgId orgId, long idAbove, long idBelow, @Define String order, int fetch);

    @SqlUpdate("UPDATE invitations SET revoked_at = :now WHERE org_id = :orgId AND id = :id")
    void revoke(OrgId orgId, long id, Instant now);

    /** Pending invitations to the same address are replaced by a new one. */
    @SqlUpdate("""
        UPDATE invitations SET revoked_at = :now
         WHERE org_id = :orgId AND email = :email AND accepted_at IS NULL AND revoked_at IS NULL
        """)
    int revokePendingFor(OrgId orgId, String email, Instant now);

    @SqlUpdate("UPDATE invitations SET accepted_at = :now, accepted_by = :userId WHERE org_id = :orgId AND id = :id")
    void accept(OrgId orgId, long id, long userId, Instant now);
}
