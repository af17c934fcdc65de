package io.rentapi.api.catalog;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

/** A brand as stored; its name is unique in the organization whatever the case, metadata is JSON text. */
public record Brand(long id, OrgId orgId, String name, String description, String website, String metadata,
                    Instant createdAt, Instant updatedAt) {
}
