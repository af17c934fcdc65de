package io.rentapi.api.orgs;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

public record Organization(OrgId id, String name, Instant createdAt, Instant updatedAt) {
}
