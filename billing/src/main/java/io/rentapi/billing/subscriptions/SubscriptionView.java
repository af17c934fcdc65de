package io.rentapi.billing.subscriptions;

import io.rentapi.billing.plans.CatalogPlan;
import java.time.Instant;

/** A subscription as its organization sees it. */
public record SubscriptionView(long id, String object, String status, long planId, String plan, String interval,
                               String provider, Instant currentPeriodStart, Instant currentPeriodEnd,
                               Instant trialEnd, boolean cancelAtPeriodEnd, Instant canceledAt, Instant pausedAt,
                               Long pendingPlanId, String pendingInterval, Instant nextPaymentAttempt,
                               Instant createdAt, Instant updatedAt) {

    public static SubscriptionView of(Subscription s, CatalogPlan plan) {
        return new SubscriptionView(s.id(), "subscription", s.status(), s.planId(), plan.code(), s.billingInterval(),
                s.provider(), s.currentPeriodStart(), s.currentPeriodEnd(), s.trialEnd(), s.cancelAtPeriodEnd(),
                s.canceledAt(), s.pausedAt(), s.pendingPlanId(), s.pendingInterval(), s.nextDunningAt(),
                s.createdAt(), s.updatedAt());
    }
}
