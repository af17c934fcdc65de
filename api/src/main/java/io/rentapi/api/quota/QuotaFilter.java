package io.rentapi.api.quota;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.http.HeaderCarrying;
import io.rentapi.api.usage.UsageRecorder;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Map;

/**
 * Checks the caller's quota right after authentication, so a refused call never reaches the
 * resource, and puts the rate-limit headers on every answer to an authenticated call (IETF
 * httpapi-ratelimit-headers draft, and the widespread X-RateLimit-* ones). Also counts the call
 * for usage reports.
 */
@Priority(Priorities.AUTHENTICATION + 10)
public final class QuotaFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String DECISION = QuotaFilter.class.getName() + ".decision";
    /** The RateLimit-Policy header of each set of limits, written once. */
    private static final Cache<QuotaLimits, String> POLICIES = Caffeine.newBuilder().maximumSize(10_000).build();

    private final QuotaService quotas;
    private final PlanLimits plans;
    private final UsageRecorder usage;

    public QuotaFilter(QuotaService quotas, PlanLimits plans, UsageRecorder usage) {
        this.quotas = quotas;
        this.plans = plans;
        this.usage = usage;
    }

    /** A 429 that carries its rate-limit headers and Retry-After. */
    static final class RateLimited extends ApiException implements HeaderCarrying {
        private final Map<String, String> headers;

        RateLimited(QuotaDecision decision) {
            super(ErrorCode.RATE_LIMITED, "The " + decision.window() + " quota of " + decision.limit()
                    + " requests is used up; retry in " + decision.retryAfterSeconds() + " s.");
            this.headers = new java.util.LinkedHashMap<>(QuotaFilter.headers(decision));
            this.headers.put("Retry-After", Long.toString(decision.retryAfterSeconds()));
        }

        @Override
        public Map<String, String> headers() {
            return headers;
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext().getUserPrincipal() instanceof Caller caller)) {
            return;
        }
        QuotaLimits plan = plans.of(caller.orgId());
        QuotaLimits limits = caller.quotaOverride().map(o -> o.within(plan)).orElse(plan);
        String subject = caller.apiKeyId().map(id -> "k:" + id).orElse("u:" + caller.orgId() + ":" + caller.userId());
        QuotaDecision decision = quotas.consume(subject, limits);
        request.setProperty(DECISION, decision);
        if (!decision.allowed()) {
            throw new RateLimited(decision);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getSecurityContext().getUserPrincipal() instanceof Caller caller) {
            usage.record(caller.orgId(), caller.apiKeyId().orElse(UsageRecorder.PEOPLE), response.getStatus());
        }
        if (request.getProperty(DECISION) instanceof QuotaDecision decision) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers(decision).forEach((name, value) -> headers.putSingle(name, value));
        }
    }

    static Map<String, String> headers(QuotaDecision d) {
        return Map.of(
                "RateLimit-Policy", POLICIES.get(d.limits(), l -> "\"second\";q=" + l.burstPerSecond() + ";w=1, \"hour\";q="
                        + l.requestsPerHour() + ";w=3600, \"day\";q=" + l.requestsPerDay() + ";w=86400"),
                "RateLimit", "\"" + d.window() + "\";r=" + d.remaining() + ";t=" + d.resetSeconds(),
                "X-RateLimit-Limit", Long.toString(d.limit()),
                "X-RateLimit-Remaining", Long.toString(d.remaining()),
                "X-RateLimit-Reset", Long.toString(d.resetSeconds()));
    }
}
