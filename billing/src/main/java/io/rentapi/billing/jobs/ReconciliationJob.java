package io.rentapi.billing.jobs;

import io.rentapi.billing.gateway.ChargeResult;
import io.rentapi.billing.gateway.GatewayException;
import io.rentapi.billing.gateway.Gateways;
import io.rentapi.billing.gateway.PaymentGateway;
import io.rentapi.billing.gateway.RefundResult;
import io.rentapi.billing.payments.Payment;
import io.rentapi.billing.payments.PaymentDao;
import io.rentapi.billing.payments.PaymentService;
import io.rentapi.billing.payments.PaymentStatus;
import io.rentapi.billing.payments.Refund;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kill Bill's Janitor for our payments: every payment and refund not in a final state is asked
 * about at its provider on a schedule (see {@link PaymentStatus#nextCheckAfter}) and local state is corrected;
 * a nightly pass compares the provider's recent charges with ours and records each disagreement.
 */
public final class ReconciliationJob {
    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationJob.class);
    private static final int BATCH = 50;

    private final Jdbi jdbi;
    private final Gateways gateways;
    private final PaymentService payments;
    private final Clock clock;
    private final Duration buyerActionTimeout;

    /**
     * @param buyerActionTimeout how long a payment may wait for its buyer (approval, authentication)
     *                           before it is abandoned: failed, and canceled at the provider
     */
    public ReconciliationJob(Jdbi jdbi, Gateways gateways, PaymentService payments, Clock clock,
                             Duration buyerActionTimeout) {
        this.jdbi = jdbi;
        this.gateways = gateways;
        this.payments = payments;
        this.clock = clock;
        this.buyerActionTimeout = buyerActionTimeout;
    }

    /** Asks the providers about payments and refunds due for a check; returns how many changed state. */
    public int checkInFlight() {
        return checkPayments() + checkRefunds();
    }

    private int checkPayments() {
        Instant now = clock.instant();
        // the claim moves next_check_at on, so another worker does not ask about the same payments
        List<Payment> due = jdbi.inTransaction(h -> {
            PaymentDao dao = h.attach(PaymentDao.class);
            List<Payment> claimed = dao.claimDueChecks(now, BATCH);
            for (Payment p : claimed) {
                dao.checked(p.orgId(), p.id(), now.plus(p.state().nextCheckAfter(p.checks() + 1)), now);
            }
            return claimed;
        });
        int changed = 0;
        for (Payment p : due) {
            if (!gateways.has(p.provider())) {
                continue;
            }
            ChargeResult result;
            try {
                PaymentGateway gateway = gateways.get(p.provider());
                result = gateway.status(payments.requestOf(p), p.providerRef(), Duration.between(p.createdAt(), now));
                if (result.awaitsBuyer() && !p.createdAt().plus(buyerActionTimeout).isAfter(now)) {
                    LOG.info("payment {} of org {} waited {} for its buyer: abandoned", p.id(), p.orgId(), buyerActionTimeout);
                    result = gateway.abandon(result.providerRef() != null ? result.providerRef() : p.providerRef());
                }
            } catch (GatewayException e) {
                LOG.warn("payment {} of org {}: {} still does not answer: {}", p.id(), p.orgId(), p.provider(),
                        e.getMessage());
                continue;
            }
            try {
                Payment after = payments.settle(p.orgId(), p.id(), result);
                if (!after.status().equals(p.status())) {
                    LOG.info("reconciliation moved payment {} of org {} from {} to {}", p.id(), p.orgId(),
                            p.status(), after.status());
                    changed++;
                }
            } catch (RuntimeException e) { // one payment's trouble must not stop the others'
                LOG.error("reconciliation of payment {} of org {} failed", p.id(), p.orgId(), e);
            }
        }
        return changed;
    }

    /** Pending refunds, on the schedule of pending payments: after an hour, then daily. */
    private int checkRefunds() {
        Instant now = clock.instant();
        List<Refund> due = jdbi.inTransaction(h -> {
            PaymentDao dao = h.attach(PaymentDao.class);
            List<Refund> claimed = dao.claimDueRefundChecks(now, BATCH);
            for (Refund r : claimed) {
                dao.refundChecked(r.orgId(), r.id(), now.plus(PaymentStatus.PENDING.nextCheckAfter(r.checks() + 1)), now);
            }
            return claimed;
        });
        int changed = 0;
        for (Refund r : due) {
            try {
                Payment p = payments.get(r.orgId(), r.paymentId());
                if (!gateways.has(p.provider())) {
                    continue;
                }
                RefundResult result = gateways.get(p.provider()).refundStatus(p.providerRef(), r.providerRef(),
                        r.amount(), p.currency(), PaymentService.refundKey(r.id()));
                payments.settleRefund(r.orgId(), r.paymentId(), r.id(), result, false);
                if (!result.pending()) {
                    LOG.info("reconciliation settled refund {} of payment {} of org {}: {}", r.id(), r.paymentId(),
                            r.orgId(), result.status());
                    changed++;
                }
            } catch (GatewayException e) {
                LOG.warn("refund {} of payment {} of org {}: the provider still does not answer: {}", r.id(),
                        r.paymentId(), r.orgId(), e.getMessage());
            } catch (RuntimeException e) { // one refund's trouble must not stop the others'
                LOG.error("reconciliation of refund {} of payment {} of org {} failed", r.id(), r.paymentId(),
                        r.orgId(), e);
            }
        }
        return changed;
    }

    /** Compares each provider's charges of the last {@code days} with ours; returns the new issues. */
    public int compareRecent(Duration lookBack) {
        Instant now = clock.instant();
        int issues = 0;
        for (PaymentGateway gateway : gateways.all()) {
            List<PaymentGateway.ProviderCharge> charges;
            try {
                charges = gateway.chargesSince(now.minus(lookBack));
            } catch (GatewayException e) {
                LOG.warn("cannot list {} charges: {}", gateway.name(), e.getMessage());
                continue;
            }
            for (PaymentGateway.ProviderCharge charge : charges) {
                issues += compare(gateway.name(), charge, now);
            }
        }
        return issues;
    }

    private int compare(String provider, PaymentGateway.ProviderCharge charge, Instant now) {
        PaymentDao dao = jdbi.onDemand(PaymentDao.class);
        Optional<Payment> local = charge.paymentId() != null
                ? dao.findByProviderAndId(provider, charge.paymentId())
                : dao.findByProviderRef(provider, charge.providerRef());
        ReconciliationIssueDao issues = jdbi.onDemand(ReconciliationIssueDao.class);
        if (local.isEmpty()) {
            return issues.record(provider, charge.providerRef(), "missing_locally",
                    "The provider has a " + charge.status() + " charge of " + charge.amount() + " "
                            + charge.currency() + " that matches no payment of ours.", now);
        }
        Payment p = local.get();
        boolean providerTookMoney = "succeeded".equals(charge.status());
        boolean weThinkPaid = p.state() == PaymentStatus.SUCCEEDED || p.state() == PaymentStatus.PARTIALLY_REFUNDED
                || p.state() == PaymentStatus.REFUNDED;
        if (providerTookMoney != weThinkPaid && !p.state().inFlight() || charge.amount() != p.amount()) {
            return issues.record(provider, charge.providerRef(), "status_mismatch",
                    "Payment " + p.id() + " of organization " + p.orgId() + " is " + p.status() + " for "
                            + p.amount() + " " + p.currency() + "; the provider says " + charge.status() + " for "
                            + charge.amount() + " " + charge.currency() + ".", now);
        }
        return 0;
    }
}
