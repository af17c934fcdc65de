package io.rentapi.api.keys;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.Permission;
import io.rentapi.api.auth.Role;
import io.rentapi.api.http.Caches;
import io.rentapi.api.quota.QuotaLimits;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Turns an API key into a caller on every request. Verified keys are kept in memory by hash for a
 * few seconds, so the hot path reads no database; changes to a key invalidate it here at once and,
 * through {@link #onInvalidate}, on every other instance.
 */
public final class ApiKeyVerifier {
    private final Jdbi jdbi;
    private final Clock clock;
    private final LoadingCache<String, Optional<Verified>> cache;

    /** A key as read, with what every request needs already worked out. */
    private record Verified(KeyCredentials key, IpAllowlist allowlist, Caller caller) {
        static Verified of(KeyCredentials key) {
            if (key.creatorRole() == null) {
                return new Verified(key, IpAllowlist.stored(key.allowedIps()), null);
            }
            Role creatorRole = Role.parse(key.creatorRole());
            // a key never exceeds its creator's role, also after the creator is demoted
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            Arrays.stream(key.scopes().split(" ")).map(Permission::parse).flatMap(Optional::stream)
                    .filter(creatorRole.permissions()::contains).forEach(permissions::add);
            QuotaLimits override = new QuotaLimits(key.burstPerSecond(), key.requestsPerHour(), key.requestsPerDay());
            Caller caller = new Caller(key.orgId(), key.createdBy(), Optional.of(key.id()), creatorRole,
                    Collections.unmodifiableSet(permissions), override.isEmpty() ? Optional.empty() : Optional.of(override));
            return new Verified(key, IpAllowlist.stored(key.allowedIps()), caller);
        }
    }
    private volatile Consumer<Collection<String>> broadcast = hashes -> { };

    public ApiKeyVerifier(Jdbi jdbi, Clock clock, Duration ttl) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.cache = Caches.readThrough(Caffeine.newBuilder().maximumSize(200_000), ttl,
                hash -> jdbi.onDemand(ApiKeyDao.class).credentials(hash).map(Verified::of));
    }

    /** @param client the caller's address, worked out only for keys with an allowlist */
    public Caller authenticate(String secret, Supplier<InetAddress> client) {
        if (!ApiKeySecrets.wellFormed(secret)) {
            throw new ApiException(ErrorCode.INVALID_API_KEY, "The API key is not valid.");
        }
        String hash = ApiKeySecrets.sha256(secret);
        Verified verified = cache.get(hash)
                .orElseThrow(() -> new ApiException(ErrorCode.INVALID_API_KEY, "The API key is not valid."));
        KeyCredentials key = verified.key();
        Instant now = clock.instant();
        if (key.revokedAt() != null) {
            throw new ApiException(ErrorCode.API_KEY_REVOKED, "This API key was revoked.");
        }
        if (!hash.equals(key.keyHash()) && (key.previousExpiresAt() == null || !key.previousExpiresAt().isAfter(now))) {
            throw new ApiException(ErrorCode.API_KEY_REVOKED, "This API key was rotated and its grace period is over.");
        }
        if (key.expiresAt() != null && !key.expiresAt().isAfter(now)) {
            throw new ApiException(ErrorCode.API_KEY_EXPIRED, "This API key expired at " + key.expiresAt() + ".");
        }
        if (verified.caller() == null) {
            throw new ApiException(ErrorCode.API_KEY_REVOKED, "The person who created this API key left the organization.");
        }
        if (!verified.allowlist().isAny()) {
            InetAddress address = client.get();
            if (address == null || !verified.allowlist().allows(address)) {
                throw new ApiException(ErrorCode.API_KEY_IP_NOT_ALLOWED, "This API key may not be used from "
                        + (address == null ? "this address" : address.getHostAddress()) + ".");
            }
        }
        return verified.caller();
    }

    /** Forgets these keys here, and tells the other instances to. */
    public void invalidate(Collection<String> hashes) {
        invalidateLocally(hashes);
        broadcast.accept(hashes);
    }

    public void invalidateLocally(Collection<String> hashes) {
        cache.invalidateAll(hashes);
    }

    public void onInvalidate(Consumer<Collection<String>> broadcast) {
        this.broadcast = broadcast;
    }
}
