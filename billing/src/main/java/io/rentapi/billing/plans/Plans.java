package io.rentapi.billing.plans;

import io.rentapi.core.tenancy.OrgId;
import org.jdbi.v3.core.Jdbi;

/** Which plan an organization is on: its live subscription's, or Free. */
public final class Plans {
    private final Jdbi jdbi;

    public Plans(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Plan planOf(OrgId orgId) {
        PlanDao plans = jdbi.onDemand(PlanDao.class);
        return plans.subscribed(orgId).orElseGet(() -> plans.findByCode(Plan.FREE)
                .orElseThrow(() -> new IllegalStateException("the free plan is missing from the plans table")));
    }
}
