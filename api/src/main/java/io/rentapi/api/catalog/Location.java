package io.rentapi.api.catalog;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

public record Location(long id, OrgId orgId, String name, String address, Instant createdAt, Instant updatedAt) {
}
