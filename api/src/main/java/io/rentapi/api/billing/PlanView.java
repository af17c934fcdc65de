package io.rentapi.api.billing;

import io.rentapi.billing.plans.CatalogPlan;
import java.time.Instant;

/** A plan of the catalog: prices in minor units of {@code currency}, and the quotas it grants each API key. */
public record PlanView(long id, String object, String code, String name, String description, String currency,
                       long priceMonth, long priceYear, int trialDays, Quotas quotas, boolean active,
                       Instant createdAt) {

    public record Quotas(long requestsPerHour, long requestsPerDay, long burstPerSecond) {
    }

    public static PlanView of(CatalogPlan p) {
        return new PlanView(p.id(), "plan", p.code(), p.name(), p.description(), p.currency(), p.priceMonth(),
                p.priceYear(), p.trialDays(), new Quotas(p.requestsPerHour(), p.requestsPerDay(), p.burstPerSecond()),
                p.active(), p.createdAt());
    }
}
