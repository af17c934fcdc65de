package io.rentapi.api.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rentapi.api.http.Credential;
import io.rentapi.api.quota.QuotaLimits;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** An API key as its organization sees it; {@code secret} only in the answer that created or rotated it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyView(long id, String object, String name, String status, String redacted, List<String> scopes,
                         List<String> allowedIps, QuotaLimits rateLimit, Instant expiresAt, Instant lastUsedAt,
                         Instant rotatedAt, Instant previousSecretExpiresAt, Instant revokedAt, long createdBy,
                         Instant createdAt, @Credential String secret) {

    public static ApiKeyView of(ApiKey key, Clock clock) {
        return of(key, clock, null);
    }

    public static ApiKeyView of(ApiKey key, Clock clock, String secret) {
        Instant now = clock.instant();
        String status = key.revokedAt() != null ? "revoked"
                : key.expiresAt() != null && !key.expiresAt().isAfter(now) ? "expired" : "active";
        QuotaLimits override = new QuotaLimits(key.burstPerSecond(), key.requestsPerHour(), key.requestsPerDay());
        return new ApiKeyView(key.id(), "api_key", key.name(), status, key.prefix() + "…" + key.last4(),
                Arrays.asList(key.scopes().split(" ")), IpAllowlist.stored(key.allowedIps()).entries(),
                override.isEmpty() ? null : override, key.expiresAt(), key.lastUsedAt(), key.rotatedAt(),
                key.previousExpiresAt() != null && key.previousExpiresAt().isAfter(now) ? key.previousExpiresAt() : null,
                key.revokedAt(), key.createdBy(), key.createdAt(), secret);
    }
}
