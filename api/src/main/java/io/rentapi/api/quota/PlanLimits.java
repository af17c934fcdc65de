package io.rentapi.api.quota;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.rentapi.api.http.Caches;
import io.rentapi.billing.plans.Plans;
import io.rentapi.core.tenancy.OrgId;
import java.time.Duration;

/** Each organization's plan limits, read at most once per TTL per instance: a plan change applies within it. */
public final class PlanLimits {
    private final LoadingCache<OrgId, QuotaLimits> cache;

    public PlanLimits(Plans plans, Duration ttl) {
        this.cache = Caches.readThrough(Caffeine.newBuilder().maximumSize(100_000), ttl,
                orgId -> QuotaLimits.of(plans.planOf(orgId)));
    }

    public QuotaLimits of(OrgId orgId) {
        return cache.get(orgId);
    }
}
