package io.rentapi.billing.subscriptions;

import io.rentapi.billing.plans.CatalogDao;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.core.tenancy.OrgId;
import org.jdbi.v3.core.Handle;

/** Emits a subscription's current state as an event, in the transaction that changed it. */
public final class SubscriptionEvents {
    private final Outbox outbox;

    public SubscriptionEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Subscription emit(Handle h, OrgId orgId, long subscriptionId, String type) {
        Subscription s = h.attach(SubscriptionDao.class).find(orgId, subscriptionId).orElseThrow();
        outbox.append(h, orgId, type, SubscriptionView.of(s, h.attach(CatalogDao.class).find(s.planId()).orElseThrow()));
        return s;
    }
}
