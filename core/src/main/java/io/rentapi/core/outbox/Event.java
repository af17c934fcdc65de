package io.rentapi.core.outbox;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

/** One row of the outbox: something that happened to a tenant's data, as JSON. */
public record Event(long id, OrgId orgId, String type, String payload, Instant createdAt) {
}
