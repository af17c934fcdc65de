package io.rentapi.api.customers;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

/** A customer as stored; addresses and metadata are JSON text. */
public record Customer(long id, OrgId orgId, String customerType, String name, String email, String phone,
                       String addresses, String notes, boolean blocked, String blockedReason, String metadata,
                       Instant createdAt, Instant updatedAt) {
}
