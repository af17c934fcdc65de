package io.rentapi.billing.plans;

import io.rentapi.billing.BillingInterval;
import java.time.Instant;

/** A plan as the catalog sells it: prices per interval, trial and quotas. */
public record CatalogPlan(long id, String code, String name, String description, long priceMonth, long priceYear,
                          String currency, int trialDays, long requestsPerHour, long requestsPerDay,
                          long burstPerSecond, boolean active, Instant createdAt, Instant updatedAt) {

    public long price(BillingInterval interval) {
        return interval == BillingInterval.YEAR ? priceYear : priceMonth;
    }

    public boolean isFree() {
        return priceMonth == 0 && priceYear == 0;
    }
}
