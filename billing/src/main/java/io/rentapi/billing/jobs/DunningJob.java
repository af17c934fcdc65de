package io.rentapi.billing.jobs;

import io.rentapi.billing.accounts.BillingAccountDao;
import io.rentapi.billing.invoices.InvoiceDao;
import io.rentapi.billing.payments.PaymentService;
import io.rentapi.billing.subscriptions.Dunning;
import io.rentapi.billing.subscriptions.Subscription;
import io.rentapi.billing.subscriptions.SubscriptionDao;
import io.rentapi.billing.subscriptions.SubscriptionStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries the payment of past-due subscriptions when their next attempt is due. The attempt is
 * counted and unscheduled under the billing account lock before the provider is called, so two
 * workers never retry the same subscription at once; the outcome reschedules or cancels through
 * {@link Dunning}.
 */
public final class DunningJob implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DunningJob.class);
    private static final int BATCH = 100;

    private final Jdbi jdbi;
    private final PaymentService payments;
    private final Dunning dunning;
    private final Clock clock;

    public DunningJob(Jdbi jdbi, PaymentService payments, Dunning dunning, Clock clock) {
        this.jdbi = jdbi;
        this.payments = payments;
        this.dunning = dunning;
        this.clock = clock;
    }

    @Override
    public void run() {
        runOnce();
    }

    /** One pass; returns how many retries this worker made. */
    public int runOnce() {
        List<Subscription> due = jdbi.onDemand(SubscriptionDao.class).dueForDunning(clock.instant(), BATCH);
        int attempts = 0;
        for (Subscription candidate : due) {
            try {
                Optional<Long> invoiceId = take(candidate);
                if (invoiceId.isEmpty()) {
                    continue;
                }
                attempts++;
                payments.collect(candidate.orgId(), invoiceId.get(), true);
                jdbi.useTransaction(h -> dunning.afterAttempt(h, candidate.orgId(), candidate.id()));
            } catch (RuntimeException e) { // one organization's trouble must not stop the others'
                LOG.warn("dunning of subscription {} of org {}: {}", candidate.id(), candidate.orgId(), e.getMessage());
            }
        }
        return attempts;
    }

    private Optional<Long> take(Subscription candidate) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            if (h.attach(BillingAccountDao.class).lockIfFree(candidate.orgId()).isEmpty()) {
                return Optional.<Long>empty();
            }
            SubscriptionDao subscriptions = h.attach(SubscriptionDao.class);
            Subscription s = subscriptions.lock(candidate.orgId(), candidate.id()).orElseThrow();
            if (s.state() != SubscriptionStatus.PAST_DUE || s.nextDunningAt() == null || s.nextDunningAt().isAfter(now)
                    || s.dunningInvoiceId() == null) {
                return Optional.<Long>empty();
            }
            if (s.dunningAttempts() >= dunning.retries()) {
                // the last retry's payment never failed nor succeeded: the deadline has passed
                dunning.cancelForNonPayment(h, s,
                        h.attach(InvoiceDao.class).find(s.orgId(), s.dunningInvoiceId()).orElseThrow());
                return Optional.<Long>empty();
            }
            subscriptions.takeDunningAttempt(s.orgId(), s.id(), now);
            return Optional.of(s.dunningInvoiceId());
        });
    }
}
