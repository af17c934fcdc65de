package io.rentapi.api.keys;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

/** What authenticating with a key needs, read by hash together with its creator's current role. */
public record KeyCredentials(long id, OrgId orgId, long createdBy, String keyHash, String previousKeyHash,
                             Instant previousExpiresAt, String scopes, String allowedIps, Long requestsPerHour,
                             Long requestsPerDay, Long burstPerSecond, Instant expiresAt, Instant revokedAt,
                             String creatorRole) {
}
