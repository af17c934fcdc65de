package io.rentapi.api.keys;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

public record ApiKey(long id, OrgId orgId, long createdBy, String name, String prefix, String last4, String scopes,
                     String allowedIps, Long requestsPerHour, Long requestsPerDay, Long burstPerSecond,
                     Instant expiresAt, Instant revokedAt, Instant rotatedAt, Instant previousExpiresAt,
                     Instant lastUsedAt, Instant createdAt, Instant updatedAt) {
}
