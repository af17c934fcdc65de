package io.rentapi.api.catalog;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

public record Category(long id, OrgId orgId, Long parentId, String name, String description, Instant createdAt,
                       Instant updatedAt) {
}
