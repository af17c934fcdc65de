package io.rentapi.api.orgs;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Organization.class)
public interface OrganizationDao {
    @SqlUpdate("INSERT INTO organizations (name, created_at, updated_at) VALUES (:name, :now, :now)")
    @GetGeneratedKeys("id")
    long insert(String name, Instant now);

    @SqlQuery("SELECT id, name, created_at, updated_at FROM organizations WHERE id = :orgId")
    Optional<Organization> find(OrgId orgId);

    /** Serializes changes to an organization's membership (the last-owner rule needs it). */
    @SqlQuery("SELECT id FROM organizations WHERE id = :orgId FOR UPDATE")
    Optional<Long> lock(OrgId orgId);

    @SqlUpdate("UPDATE organizations SET name = :name, updated_at = :now WHERE id = :orgId")
    int rename(OrgId orgId, String name, Instant now);

    @SqlQuery("SELECT count(*) FROM organizations")
    long count();
}
