package io.rentapi.billing.jobs;

import io.rentapi.billing.invoices.Invoice;
import io.rentapi.billing.invoices.InvoiceDao;
import io.rentapi.billing.payments.Payment;
import io.rentapi.billing.payments.PaymentService;
import io.rentapi.billing.subscriptions.Subscription;
import io.rentapi.billing.subscriptions.SubscriptionDao;
import io.rentapi.billing.subscriptions.SubscriptionService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews subscriptions whose period has ended: the next period's invoice is opened and charged off
 * session, and renewal invoices left uncharged by a worker that stopped are charged later. Safe to run in several workers at once (see {@link SubscriptionService#renew}).
 */
public final class RenewalJob implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RenewalJob.class);
    private static final int BATCH = 100;
    /** How long a renewal invoice may wait for the collection its own worker starts right after it. */
    static final Duration COLLECTION_GRACE = Duration.ofMinutes(10);

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
                        payments.collectRenewal(s.orgId(), invoice.get().id());
                    }
                }
            } catch (RuntimeException e) { // one organization's trouble must not stop the others'
                LOG.warn("renewal of subscription {} of org {} failed: {}", s.id(), s.orgId(), e.getMessage());
            }
        }
        collectForgotten();
        return renewed;
    }

    /**
     * Collects renewal invoices that were opened but never charged: the renewal commits the invoice
     * before collecting it, and a worker that stops or fails in between leaves it open with no
     * payment. The grace leaves a renewal just made to the worker that made it. Returns how many
     * invoices this worker collected.
     */
    public int collectForgotten() {
        List<Invoice> forgotten = jdbi.onDemand(InvoiceDao.class).uncollectedRenewals(
                clock.instant().minus(COLLECTION_GRACE), BATCH);
        int collected = 0;
        for (Invoice invoice : forgotten) {
            try {
                Optional<Payment> payment = payments.collectRenewal(invoice.orgId(), invoice.id());
                if (payment.isPresent()) {
                    LOG.info("renewal invoice {} of org {} was left uncollected: payment {} started", invoice.id(),
                            invoice.orgId(), payment.get().id());
                    collected++;
                }
            } catch (RuntimeException e) { // one organization's trouble must not stop the others'
                LOG.warn("collection of invoice {} of org {} failed: {}", invoice.id(), invoice.orgId(),
                        e.getMessage());
            }
        }
        return collected;
    }
}
