package io.rentapi.api.orgs;

import io.rentapi.api.auth.Role;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

/** A user as a member of one organization. */
public record Member(OrgId orgId, long userId, String email, String name, Role role, Instant createdAt) {
}
