package io.rentapi.billing.subscriptions;

import io.rentapi.billing.BillingInterval;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

public record Subscription(long id, OrgId orgId, long planId, String status, String billingInterval, String provider,
                           Instant currentPeriodStart, Instant currentPeriodEnd, Instant trialEnd,
                           boolean cancelAtPeriodEnd, Instant canceledAt, Instant pausedAt, Long pendingPlanId,
                           String pendingInterval, Long dunningInvoiceId, Instant pastDueSince, int dunningAttempts,
                           Instant nextDunningAt, Instant createdAt, Instant updatedAt) {

    public SubscriptionStatus state() {
        return SubscriptionStatus.parse(status);
    }

    public BillingInterval interval() {
        return BillingInterval.stored(billingInterval);
    }

    /** Subscriptions made before billing periods existed carry none and are never charged. */
    public boolean hasPeriod() {
        return currentPeriodStart != null && currentPeriodEnd != null && billingInterval != null;
    }
}
