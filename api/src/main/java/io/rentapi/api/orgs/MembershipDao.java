package io.rentapi.api.orgs;

import io.rentapi.api.auth.Role;
import io.rentapi.core.tenancy.CrossTenant;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterColumnMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Member.class)
@RegisterConstructorMapper(Organization.class)
@RegisterColumnMapper(RoleColumnMapper.class)
public interface MembershipDao {
    @SqlUpdate("""
        INSERT INTO memberships (org_id, user_id, role, created_at, updated_at)
        VALUES (:orgId, :userId, :role, :now, :now)
        """)
    void insert(OrgId orgId, long userId, String role, Instant now);

    @SqlQuery("SELECT role FROM memberships WHERE org_id = :orgId AND user_id = :userId")
    Optional<Role> roleOf(OrgId orgId, long userId);

    @SqlQuery("""
        SELECT m.org_id, m.user_id, u.email, u.name, m.role, m.created_at
          FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = :orgId AND m.user_id = :userId
        """)
    Optional<Member> find(OrgId orgId, long userId);

    @SqlQuery("""
        SELECT m.org_id, m.user_id, u.email, u.name, m.role, m.created_at
          FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = :orgId AND m.user_id > :idAbove AND m.user_id < :idBelow
         ORDER BY m.user_id <order>
         LIMIT :fetch
        """)
    List<Member> page(OrgId orgId, long idAbove, long idBelow, @Define String order, int fetch);

    @SqlQuery("SELECT count(*) FROM memberships WHERE org_id = :orgId AND role = 'owner'")
    int countOwners(OrgId orgId);

    @SqlUpdate("UPDATE memberships SET role = :role, updated_at = :now WHERE org_id = :orgId AND user_id = :userId")
    int changeRole(OrgId orgId, long userId, String role, Instant now);

    @SqlUpdate("DELETE FROM memberships WHERE org_id = :orgId AND user_id = :userId")
    int delete(OrgId orgId, long userId);

    @CrossTenant("a person lists the organizations they belong to, each of which they may act for")
    @SqlQuery("""
        SELECT o.id, o.name, o.created_at, o.updated_at
          FROM memberships m JOIN organizations o ON o.id = m.org_id
         WHERE m.user_id = :userId AND o.id > :idAbove AND o.id < :idBelow
         ORDER BY o.id <order>
         LIMIT :fetch
        """)
    List<Organization> organizationsOf(long userId, long idAbove, long idBelow, @Define String order, int fetch);

    @CrossTenant("at log-in the person has not chosen an organization yet; this finds their first")
    @SqlQuery("SELECT min(org_id) FROM memberships WHERE user_id = :userId")
    Optional<Long> firstOrganizationOf(long userId);
}
