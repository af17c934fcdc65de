package io.rentapi.billing.jobs;

import io.rentapi.billing.invoices.Invoice;
import io.rentapi.billing.payments.PaymentService;
import io.rentapi.billing.subscriptions.Subscription;
import io.rentapi.billing.subscriptions.SubscriptionDao;
import io.rentapi.billing.subscriptions.SubscriptionService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews subscriptions whose period has ended: the next period's invoice is opened and charged off
 * session. Safe to run in several workers at once (see {@link SubscriptionService#renew}).
 */
public final class RenewalJob implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RenewalJob.class);
    private static final int BATCH = 100;

    private final Jdbi jdbi;
    private final SubscriptionService subscriptions;
    private final PaymentService payments;
    private final Clock clock;

    public RenewalJob(Jdbi jdbi, SubscriptionService subscriptions, PaymentService payments, Clock clock) {
        this.jdbi = jdbi;
        this.subscriptions = subscriptions;
        this.payments = payments;
        this.clock = clock;
    }

    @Override
    public void run() {
        runOnce();
    }

    /** One pass; returns how many subscriptions this worker renewed or ended. */
    public int runOnce() {
        List<Subscription> due = jdbi.onDemand(SubscriptionDao.class).dueForRenewal(clock.instant(), BATCH);
        int renewed = 0;
        for (Subscription s : due) {
            try {
                Optional<Invoice> invoice = subscriptions.renew(s.orgId(), s.id());
                if (invoice.isPresent()) {
                    renewed++;
                    if (invoice.get().isOpen()) {
                        payments.collect(s.orgId(), invoice.get().id(), true);
                    }
                }
            } catch (RuntimeException e) { // one organization's trouble must not stop the others'
                LOG.warn("renewal of subscription {} of org {} failed: {}", s.id(), s.orgId(), e.getMessage());
            }
        }
        return renewed;
    }
}
