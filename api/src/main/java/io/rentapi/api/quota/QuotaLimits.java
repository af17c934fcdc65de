package io.rentapi.api.quota;

import io.rentapi.billing.plans.Plan;
import jakarta.validation.constraints.Positive;

/**
 * The windows of a token bucket: a short burst allowance per second, and the hourly and daily
 * quotas of the plan. As an API key's override, unset windows follow the plan.
 */
public record QuotaLimits(@Positive Long burstPerSecond, @Positive Long requestsPerHour, @Positive Long requestsPerDay) {
    public static QuotaLimits of(Plan plan) {
        return new QuotaLimits(plan.burstPerSecond(), plan.requestsPerHour(), plan.requestsPerDay());
    }

    /** The plan's limits, lowered where this override is lower; an override never raises them. */
    public QuotaLimits within(QuotaLimits plan) {
        return new QuotaLimits(min(burstPerSecond, plan.burstPerSecond), min(requestsPerHour, plan.requestsPerHour),
                min(requestsPerDay, plan.requestsPerDay));
    }

    public boolean isEmpty() {
        return burstPerSecond == null && requestsPerHour == null && requestsPerDay == null;
    }

    private static Long min(Long override, Long plan) {
        return override == null ? plan : Long.valueOf(Math.min(override, plan));
    }
}
