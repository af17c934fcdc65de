package io.rentapi.api.keys;

import io.rentapi.api.audit.AuditTrail;
import io.rentapi.api.audit.Severity;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.security.AccountSecurity;
import io.rentapi.api.auth.Permission;
import io.rentapi.api.quota.QuotaLimits;
import io.rentapi.billing.plans.Plans;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.error.FieldError;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.core.page.Page;
import io.rentapi.core.page.PageRequest;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The lifecycle of API keys: create, change, rotate with a grace period, revoke. */
public final class ApiKeyService {
    private final Jdbi jdbi;
    private final ApiKeyVerifier verifier;
    private final Plans plans;
    private final Outbox outbox;
    private final Clock clock;
    private final String prefix;
    private final Duration defaultGrace;

    public ApiKeyService(Jdbi jdbi, ApiKeyVerifier verifier, Plans plans, Outbox outbox, Clock clock, String prefix,
                         Duration defaultGrace) {
        this.jdbi = jdbi;
        this.verifier = verifier;
        this.plans = plans;
        this.outbox = outbox;
        this.clock = clock;
        this.prefix = prefix;
        this.defaultGrace = defaultGrace;
    }

    /** The key as stored, and its secret, which exists only in this answer. */
    public record Created(ApiKey key, String secret) {
    }

    public Created create(Caller caller, ApiKeyRequests.Create request) {
        String scopes = scopes(caller, request.scopes());
        IpAllowlist ips = request.allowedIps() == null ? IpAllowlist.any() : IpAllowlist.parse(request.allowedIps(), "allowed_ips");
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw ApiException.invalid("expires_at", "must be in the future");
        }
        QuotaLimits override = withinPlan(caller.orgId(), request.rateLimit());
        ApiKeySecrets.Secret secret = ApiKeySecrets.generate(prefix);
        ApiKey key = jdbi.inTransaction(h -> {
            AccountSecurity.requireVerifiedEmail(h, caller.userId());
            ApiKeyDao keys = h.attach(ApiKeyDao.class);
            long id = keys.insert(caller.orgId(), caller.userId(), request.name().strip(), secret.prefix(), secret.last4(),
                    secret.hash(), scopes, ips.toStored(), override.requestsPerHour(), override.requestsPerDay(),
                    override.burstPerSecond(), request.expiresAt(), now);
            return emit(h, caller.orgId(), keys.find(caller.orgId(), id).orElseThrow(), "api_key.created");
        });
        return new Created(key, secret.value());
    }

    public ApiKey get(OrgId orgId, long id) {
        return jdbi.onDemand(ApiKeyDao.class).find(orgId, id).orElseThrow(() -> ApiException.notFound("API key"));
    }

    public Page<ApiKey> list(OrgId orgId, PageRequest page) {
        return page.toPage(jdbi.onDemand(ApiKeyDao.class).page(orgId, page.idAbove(), page.idBelow(), page.order(), page.fetch()));
    }

    public ApiKey update(Caller caller, long id, ApiKeyRequests.Update request) {
        String scopes = request.scopes() == null ? null : scopes(caller, request.scopes());
        String ips = request.allowedIps() == null ? null : IpAllowlist.parse(request.allowedIps(), "allowed_ips").toStored();
        QuotaLimits override = request.rateLimit() == null ? null : withinPlan(caller.orgId(), request.rateLimit());
        ApiKey updated = jdbi.inTransaction(h -> {
            ApiKeyDao keys = h.attach(ApiKeyDao.class);
            ApiKey key = lockActive(keys, caller.orgId(), id);
            keys.update(caller.orgId(), id,
                    request.name() == null ? key.name() : request.name().strip(),
                    scopes == null ? key.scopes() : scopes,
                    request.allowedIps() == null ? key.allowedIps() : ips,
                    override == null ? key.requestsPerHour() : override.requestsPerHour(),
                    override == null ? key.requestsPerDay() : override.requestsPerDay(),
                    override == null ? key.burstPerSecond() : override.burstPerSecond(),
                    clock.instant());
            return emit(h, caller.orgId(), keys.find(caller.orgId(), id).orElseThrow(), "api_key.updated");
        });
        invalidate(caller.orgId(), id);
        return updated;
    }

    public Created rotate(Caller caller, long id, Long gracePeriodSeconds) {
        Duration grace = gracePeriodSeconds == null ? defaultGrace : Duration.ofSeconds(gracePeriodSeconds);
        ApiKeySecrets.Secret secret = ApiKeySecrets.generate(prefix);
        Rotation rotation = jdbi.inTransaction(h -> {
            ApiKeyDao keys = h.attach(ApiKeyDao.class);
            ApiKey key = lockActive(keys, caller.orgId(), id);
            Instant now = clock.instant();
            if (key.expiresAt() != null && !key.expiresAt().isAfter(now)) {
                throw new ApiException(ErrorCode.API_KEY_INACTIVE,
                        "This API key expired at " + key.expiresAt() + "; create a new one.");
            }
            // read under the row lock: exactly the hashes this rotation replaces, not a concurrent rotation's
            List<String> replaced = keys.hashes(caller.orgId(), id);
            keys.rotate(caller.orgId(), key.id(), secret.hash(), secret.last4(), now.plus(grace), now);
            return new Rotation(emit(h, caller.orgId(), keys.find(caller.orgId(), id).orElseThrow(), "api_key.rotated"),
                    replaced);
        });
        verifier.invalidate(rotation.replaced());
        return new Created(rotation.key(), secret.value());
    }

    private record Rotation(ApiKey key, List<String> replaced) {
    }

    public ApiKey revoke(OrgId orgId, long id) {
        ApiKey revoked = jdbi.inTransaction(h -> {
            ApiKeyDao keys = h.attach(ApiKeyDao.class);
            ApiKey key = keys.lock(orgId, id).orElseThrow(() -> ApiException.notFound("API key"));
            if (key.revokedAt() != null) {
                return key; // revoking twice is harmless
            }
            keys.revoke(orgId, id, clock.instant());
            return emit(h, orgId, keys.find(orgId, id).orElseThrow(), "api_key.revoked");
        });
        invalidate(orgId, id);
        return revoked;
    }

    private void invalidate(OrgId orgId, long id) {
        verifier.invalidate(jdbi.onDemand(ApiKeyDao.class).hashes(orgId, id));
    }

    /** The event, and the security event in the audit trail: keys are credentials. */
    private ApiKey emit(Handle h, OrgId orgId, ApiKey key, String type) {
        ApiKeyView view = ApiKeyView.of(key, clock);
        outbox.append(h, orgId, type, view);
        AuditTrail.security(orgId, type, type.equals("api_key.revoked") || type.equals("api_key.rotated")
                        ? Severity.WARNING : Severity.INFO)
                .target("api_key", key.id()).after(view).write(h, clock);
        return key;
    }

    private static ApiKey lockActive(ApiKeyDao keys, OrgId orgId, long id) {
        ApiKey key = keys.lock(orgId, id).orElseThrow(() -> ApiException.notFound("API key"));
        if (key.revokedAt() != null) {
            throw new ApiException(ErrorCode.API_KEY_INACTIVE, "This API key is revoked; create a new one.");
        }
        return key;
    }

    /** Scopes are permission names, and a key never gets one its creator lacks. */
    private static String scopes(Caller caller, List<String> requested) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> scopes = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String name = requested.get(i);
            var permission = Permission.parse(name);
            if (permission.isEmpty()) {
                errors.add(new FieldError("scopes[" + i + "]", "is not a permission"));
            } else if (!caller.can(permission.get())) {
                errors.add(new FieldError("scopes[" + i + "]", "exceeds your own permissions"));
            } else {
                scopes.add(name);
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Some scopes cannot be granted; see errors.", errors);
        }
        return String.join(" ", scopes);
    }

    private QuotaLimits withinPlan(OrgId orgId, QuotaLimits override) {
        if (override == null) {
            return new QuotaLimits(null, null, null);
        }
        QuotaLimits plan = QuotaLimits.of(plans.planOf(orgId));
        List<FieldError> errors = new ArrayList<>();
        above(errors, "rate_limit.burst_per_second", override.burstPerSecond(), plan.burstPerSecond());
        above(errors, "rate_limit.requests_per_hour", override.requestsPerHour(), plan.requestsPerHour());
        above(errors, "rate_limit.requests_per_day", override.requestsPerDay(), plan.requestsPerDay());
        if (!errors.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "A key's limits cannot exceed the plan's; see errors.", errors);
        }
        return override;
    }

    private static void above(List<FieldError> errors, String field, Long value, Long max) {
        if (value != null && value > max) {
            errors.add(new FieldError(field, "must not exceed the plan's " + max));
        }
    }
}
