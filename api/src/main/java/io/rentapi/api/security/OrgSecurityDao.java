package io.rentapi.api.security;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface OrgSecurityDao {
    @SqlQuery("SELECT require_two_factor FROM organizations WHERE id = :orgId")
    boolean requiresTwoFactor(OrgId orgId);

    @SqlQuery("SELECT require_two_factor FROM organizations WHERE id = :orgId FOR UPDATE")
    Optional<Boolean> lockRequiresTwoFactor(OrgId orgId);

    @SqlUpdate("UPDATE organizations SET require_two_factor = :require, updated_at = :now WHERE id = :orgId")
    int setRequireTwoFactor(OrgId orgId, boolean require, Instant now);
}
