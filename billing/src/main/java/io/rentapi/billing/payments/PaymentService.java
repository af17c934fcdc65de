package io.rentapi.billing.payments;

import io.rentapi.billing.BillingMail;
import io.rentapi.billing.accounts.BillingAccount;
import io.rentapi.billing.accounts.BillingAccountDao;
import io.rentapi.billing.accounts.Credits;
import io.rentapi.billing.gateway.ChargeRequest;
import io.rentapi.billing.gateway.ChargeResult;
import io.rentapi.billing.gateway.GatewayException;
import io.rentapi.billing.gateway.Gateways;
import io.rentapi.billing.gateway.ManualGateway;
import io.rentapi.billing.gateway.PaymentGateway;
import io.rentapi.billing.gateway.RefundResult;
import io.rentapi.billing.invoices.Invoice;
import io.rentapi.billing.invoices.InvoiceDao;
import io.rentapi.billing.invoices.Invoicing;
import io.rentapi.billing.jobs.ReconciliationIssueDao;
import io.rentapi.billing.subscriptions.Dunning;
import io.rentapi.billing.subscriptions.Subscription;
import io.rentapi.billing.subscriptions.SubscriptionDao;
import io.rentapi.billing.subscriptions.SubscriptionEvents;
import io.rentapi.billing.subscriptions.SubscriptionStatus;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.core.page.Page;
import io.rentapi.core.page.PageRequest;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects invoices and records what providers say. A payment is written {@code pending} and
 * committed before the provider is called, and the answer is recorded in a second transaction, so
 * nothing goes over the network inside a transaction and no charge exists that we have no row
 * for. Every change takes the organization's billing account lock first.
 */
public final class PaymentService {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentService.class);
    /** Failure codes of payments that nobody can complete any more: nothing to release at the provider. */
    private static final Set<String> RELEASED = Set.of("canceled", "abandoned", "provider_not_configured");

    private final Jdbi jdbi;
    private final Gateways gateways;
    private final Invoicing invoicing;
    private final Dunning dunning;
    private final Credits credits;
    private final SubscriptionEvents subscriptionEvents;
    private final BillingMail mail;
    private final Outbox outbox;
    private final Clock clock;

    public PaymentService(Jdbi jdbi, Gateways gateways, Invoicing invoicing, Dunning dunning, Credits credits,
                          SubscriptionEvents subscriptionEvents, BillingMail mail, Outbox outbox, Clock clock) {
        this.jdbi = jdbi;
        this.gateways = gateways;
        this.invoicing = invoicing;
        this.dunning = dunning;
        this.credits = credits;
        this.subscriptionEvents = subscriptionEvents;
        this.mail = mail;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Page<Payment> list(OrgId orgId, PageRequest page) {
        return page.toPage(jdbi.onDemand(PaymentDao.class).page(orgId, page.idAbove(), page.idBelow(), page.order(),
                page.fetch()));
    }

    public Payment get(OrgId orgId, long id) {
        return jdbi.onDemand(PaymentDao.class).find(orgId, id).orElseThrow(() -> ApiException.notFound("payment"));
    }

    public List<Refund> refunds(OrgId orgId, long paymentId) {
        return jdbi.onDemand(PaymentDao.class).refunds(orgId, paymentId);
    }

    private record Started(Payment payment, ChargeRequest request) {
    }

    /**
     * Collects an open invoice through its provider: the credit balance first, then a payment. A
     * payment already in flight for the invoice is returned instead of starting another. Empty when
     * credit paid the whole invoice.
     */
    public Optional<Payment> collect(OrgId orgId, long invoiceId, boolean offSession) {
        return collect(orgId, invoiceId, offSession, false);
    }

    /**
     * The first collection of a renewal invoice, off session; empty, and nothing charged, when the
     * invoice is no longer open or has a payment already (another worker collected it, or it is in
     * dunning's hands). Decided under the invoice's lock, so two workers never both charge it.
     */
    public Optional<Payment> collectRenewal(OrgId orgId, long invoiceId) {
        return collect(orgId, invoiceId, true, true);
    }

    private Optional<Payment> collect(OrgId orgId, long invoiceId, boolean offSession, boolean firstOnly) {
        Instant now = clock.instant();
        Started started = jdbi.inTransaction(h -> {
            InvoiceDao invoices = h.attach(InvoiceDao.class);
            PaymentDao payments = h.attach(PaymentDao.class);
            BillingAccountDao accounts = h.attach(BillingAccountDao.class);
            Invoice found = invoices.find(orgId, invoiceId).orElseThrow(() -> ApiException.notFound("invoice"));
            BillingAccount account = accounts.lockOrCreate(orgId, found.currency(), now);
            Invoice invoice = invoices.lock(orgId, invoiceId).orElseThrow();
            if (firstOnly && (!invoice.isOpen() || invoices.latestPaymentId(orgId, invoiceId).isPresent())) {
                return new Started(null, null);
            }
            if (!invoice.isOpen()) {
                throw new ApiException(ErrorCode.INVOICE_NOT_PAYABLE,
                        "Invoice " + invoice.number() + " is " + invoice.status() + ".");
            }
            Optional<Payment> inFlight = payments.inFlight(orgId, invoiceId);
            if (inFlight.isPresent()) {
                return new Started(inFlight.get(), null);
            }
            long credit = Math.min(account.creditBalance(), invoice.amountDue());
            if (credit > 0) {
                accounts.addCredit(orgId, -credit, now);
                accounts.creditEntry(orgId, -credit, invoice.currency(), "applied", invoiceId, now);
                invoices.applyCredit(orgId, invoiceId, credit, now);
                if (credit == invoice.amountDue()) {
                    invoicePaid(h, orgId, invoiceId, now);
                    return new Started(null, null);
                }
            }
            long amount = invoice.amountDue() - credit;
            long id = payments.insert(orgId, invoiceId, invoice.provider(), amount, invoice.currency(), offSession,
                    now.plus(PaymentStatus.PENDING.nextCheckAfter(0)), now);
            return new Started(payments.find(orgId, id).orElseThrow(),
                    new ChargeRequest(orgId.value(), id, invoiceId, invoice.number(), amount, invoice.currency(),
                            offSession, account.stripeCustomerId(), account.stripePaymentMethodId()));
        });
        if (started.payment() == null) {
            return Optional.empty();
        }
        if (started.request() == null) {
            return Optional.of(started.payment());
        }
        return Optional.of(charge(orgId, started.payment().provider(), started.request()));
    }

    private Payment charge(OrgId orgId, String provider, ChargeRequest request) {
        if (!gateways.has(provider)) {
            LOG.error("payment {} of org {}: provider {} has no keys in this deployment", request.paymentId(), orgId,
                    provider);
            return settle(orgId, request.paymentId(), ChargeResult.failed(null, "provider_not_configured",
                    "Payments through " + provider + " are not possible at the moment."));
        }
        PaymentGateway gateway = gateways.get(provider);
        ChargeResult result;
        try {
            Optional<String> customer = gateway.ensureCustomer(orgId.value(), request.customerRef());
            if (customer.isPresent() && !customer.get().equals(request.customerRef())) {
                jdbi.useHandle(h -> h.attach(BillingAccountDao.class).setStripeCustomer(orgId, customer.get(),
                        clock.instant()));
                request = new ChargeRequest(request.orgId(), request.paymentId(), request.invoiceId(),
                        request.invoiceNumber(), request.amount(), request.currency(), request.offSession(),
                        customer.get(), request.paymentMethodRef());
            }
            result = gateway.charge(request);
        } catch (GatewayException e) {
            LOG.warn("payment {} of org {} at {}: {}", request.paymentId(), orgId, provider, e.getMessage());
            result = e.uncertain() ? ChargeResult.unknown(null, e.getMessage())
                    : ChargeResult.failed(null, "provider_error", e.getMessage());
        }
        return settle(orgId, request.paymentId(), result);
    }

    /** The request that created a payment, rebuilt for reconciliation (same idempotency key). */
    public ChargeRequest requestOf(Payment p) {
        return jdbi.withHandle(h -> {
            Invoice invoice = h.attach(InvoiceDao.class).find(p.orgId(), p.invoiceId()).orElseThrow();
            Optional<BillingAccount> account = h.attach(BillingAccountDao.class).find(p.orgId());
            return new ChargeRequest(p.orgId().value(), p.id(), p.invoiceId(), invoice.number(), p.amount(),
                    p.currency(), p.offSession(), account.map(BillingAccount::stripeCustomerId).orElse(null),
                    account.map(BillingAccount::stripePaymentMethodId).orElse(null));
        });
    }

    /**
     * Records what the provider said about a payment. Moves only forward: an answer that would move
     * the payment back (a late "pending" after "succeeded") changes nothing. A payment that has just
     * failed is then released at its provider, so that nobody can still complete it.
     */
    public Payment settle(OrgId orgId, long paymentId, ChargeResult result) {
        return release(jdbi.inTransaction(h -> settle(h, orgId, paymentId, result)));
    }

    /** What {@link #settle(Handle, OrgId, long, ChargeResult)} did, for the work due after its commit. */
    public record Settled(Payment payment, boolean failedNow) {
    }

    /**
     * {@link #settle(OrgId, long, ChargeResult)} inside the caller's transaction; the caller passes
     * the answer to {@link #release} once committed.
     */
    public Settled settle(Handle h, OrgId orgId, long paymentId, ChargeResult result) {
        Instant now = clock.instant();
        BillingAccountDao accounts = h.attach(BillingAccountDao.class);
        PaymentDao payments = h.attach(PaymentDao.class);
        accounts.lock(orgId);
        Payment p = payments.lock(orgId, paymentId).orElseThrow();
        PaymentStatus from = p.state();
        PaymentStatus to = PaymentStatus.parse(result.status());
        if (from == to) {
            if (to.inFlight()) {
                payments.record(orgId, paymentId, to.value(), result.providerRef(), result.approvalUrl(),
                        result.clientSecret(), p.failureCode(), p.failureMessage(), p.nextCheckAt(), now);
                if (p.offSession() && p.approvalUrl() == null && result.approvalUrl() != null) {
                    // a renewal the buyer must approve (PayPal): nobody is there to see the link but by mail
                    mail.send(h, orgId, "billing-payment-action-required", Map.of(
                            "amount", BillingMail.amount(p.amount(), p.currency()),
                            "approval_url", result.approvalUrl()));
                }
            }
            return new Settled(payments.find(orgId, paymentId).orElseThrow(), false);
        }
        if (!from.canMoveTo(to)) {
            LOG.info("payment {} of org {} stays {}: {} would move it backwards", paymentId, orgId, from, to);
            return new Settled(p, false);
        }
        Instant nextCheck = to.inFlight() ? now.plus(to.nextCheckAfter(p.checks())) : null;
        payments.record(orgId, paymentId, to.value(), result.providerRef(), result.approvalUrl(),
                result.clientSecret(), result.failureCode(), result.failureMessage(), nextCheck, now);
        if (result.paymentMethodRef() != null && "stripe".equals(p.provider())) {
            accounts.setStripePaymentMethod(orgId, result.paymentMethodRef(), now);
        }
        Payment updated = payments.find(orgId, paymentId).orElseThrow();
        if (to == PaymentStatus.SUCCEEDED) {
            outbox.append(h, orgId, "payment.succeeded", PaymentView.of(updated, List.of()));
            if (!invoicePaid(h, orgId, p.invoiceId(), now)) {
                creditLateSuccess(h, updated, now);
            }
        } else if (to == PaymentStatus.FAILED) {
            outbox.append(h, orgId, "payment.failed", PaymentView.of(updated, List.of()));
            dunning.paymentFailed(h, orgId, p.invoiceId(), result.failureMessage());
        }
        return new Settled(updated, to == PaymentStatus.FAILED
                && (result.failureCode() == null || !RELEASED.contains(result.failureCode())));
    }

    /**
     * After a failure is committed: cancels the payment at its provider (a Stripe PaymentIntent that
     * asks for another payment method stays confirmable, and a buyer completing it later would pay an
     * invoice we already count as unpaid). Should the buyer have completed it first, that is recorded.
     */
    public Payment release(Settled settled) {
        Payment p = settled.payment();
        if (!settled.failedNow() || p.providerRef() == null || !gateways.has(p.provider())) {
            return p;
        }
        try {
            ChargeResult after = gateways.get(p.provider()).abandon(p.providerRef());
            if (PaymentStatus.parse(after.status()) == PaymentStatus.SUCCEEDED) {
                return jdbi.inTransaction(h -> settle(h, p.orgId(), p.id(), after)).payment();
            }
        } catch (GatewayException e) {
            // reconciliation's nightly comparison reports a charge completed after this
            LOG.warn("payment {} of org {}: could not cancel {} at {}: {}", p.id(), p.orgId(), p.providerRef(),
                    p.provider(), e.getMessage());
        }
        return p;
    }

    /**
     * After the commit that voided its invoice: cancels a payment still in flight at its provider, so
     * the buyer can no longer complete it. Should it succeed all the same (the buyer finished first,
     * or the provider does not answer now), its money goes to the credit balance like any payment of
     * an invoice that no longer takes one.
     */
    public Payment abandon(Payment p) {
        if (p.providerRef() == null || !gateways.has(p.provider())) {
            return p; // reconciliation finds it at the provider and settles it
        }
        try {
            return settle(p.orgId(), p.id(), gateways.get(p.provider()).abandon(p.providerRef()));
        } catch (GatewayException e) {
            LOG.warn("payment {} of org {}: could not cancel {} at {}: {}", p.id(), p.orgId(), p.providerRef(),
                    p.provider(), e.getMessage());
            return p;
        }
    }

    /** Marks the invoice paid; false when it no longer takes a payment (paid, void, or written off with its subscription). */
    private boolean invoicePaid(Handle h, OrgId orgId, long invoiceId, Instant now) {
        InvoiceDao invoices = h.attach(InvoiceDao.class);
        if (invoices.markPaid(orgId, invoiceId, now) != 1) {
            return false;
        }
        invoicing.emit(h, orgId, invoiceId, "invoice.paid");
        Invoice invoice = invoices.find(orgId, invoiceId).orElseThrow();
        if (invoice.subscriptionId() == null) {
            return true;
        }
        SubscriptionDao subscriptions = h.attach(SubscriptionDao.class);
        Subscription s = subscriptions.lock(orgId, invoice.subscriptionId()).orElseThrow();
        if (s.state() == SubscriptionStatus.PAST_DUE && Long.valueOf(invoiceId).equals(s.dunningInvoiceId())) {
            subscriptions.recover(orgId, s.id(), now);
            subscriptionEvents.emit(h, orgId, s.id(), "subscription.updated");
            mail.send(h, orgId, "billing-payment-recovered", Map.of("invoice_number", invoice.number(),
                    "amount", BillingMail.amount(invoice.amountPaid(), invoice.currency())));
        }
        return true;
    }

    /**
     * Money that arrived for an invoice that no longer takes it (another payment paid it first, it was
     * voided, or written off when its subscription was canceled): kept as credit, which pays the
     * organization's next invoices first and can be refunded, and reported to platform admins. Credit
     * rather than an automatic refund, because a refund can fail and the credit cannot: no money is lost.
     */
    private void creditLateSuccess(Handle h, Payment p, Instant now) {
        Invoice invoice = h.attach(InvoiceDao.class).find(p.orgId(), p.invoiceId()).orElseThrow();
        credits.add(h, p.orgId(), p.amount(), p.currency(), "late_payment", p.invoiceId(), now);
        LOG.warn("payment {} of org {} succeeded on invoice {}, which is {}: {} {} credited", p.id(), p.orgId(),
                invoice.number(), invoice.status(), p.amount(), p.currency());
        h.attach(ReconciliationIssueDao.class).record(p.provider(),
                p.providerRef() != null ? p.providerRef() : "payment-" + p.id(), "late_payment",
                "Payment " + p.id() + " of organization " + p.orgId() + " succeeded for " + p.amount() + " "
                        + p.currency() + " on invoice " + invoice.number() + ", which was " + invoice.status()
                        + "; the amount was added to the organization's credit balance.", now);
    }

    /** A platform admin records an invoice paid out of band (bank transfer, cheque). */
    public Payment markPaidManually(OrgId orgId, long invoiceId) {
        Instant now = clock.instant();
        long paymentId = jdbi.inTransaction(h -> {
            InvoiceDao invoices = h.attach(InvoiceDao.class);
            PaymentDao payments = h.attach(PaymentDao.class);
            Invoice found = invoices.find(orgId, invoiceId).orElseThrow(() -> ApiException.notFound("invoice"));
            h.attach(BillingAccountDao.class).lockOrCreate(orgId, found.currency(), now);
            Invoice invoice = invoices.lock(orgId, invoiceId).orElseThrow();
            if (!invoice.isOpen()) {
                throw new ApiException(ErrorCode.INVOICE_NOT_PAYABLE,
                        "Invoice " + invoice.number() + " is " + invoice.status() + ".");
            }
            Optional<Payment> inFlight = payments.inFlight(orgId, invoiceId);
            if (inFlight.isPresent() && !ManualGateway.NAME.equals(inFlight.get().provider())) {
                throw new ApiException(ErrorCode.INVOICE_NOT_PAYABLE, "A " + inFlight.get().provider()
                        + " payment of this invoice is in flight; wait for it or for reconciliation.");
            }
            return inFlight.map(Payment::id).orElseGet(() -> payments.insert(orgId, invoiceId, ManualGateway.NAME,
                    invoice.amountDue(), invoice.currency(), false, null, now));
        });
        return settle(orgId, paymentId, ChargeResult.succeeded("manual-" + paymentId));
    }

    private record RefundStart(Payment payment, long refundId, long amount) {
    }

    /** What the provider answered about a new refund; a clear refusal is a failed refund with its reason. */
    private record RefundAnswer(RefundResult result, String refusal) {
    }

    private RefundAnswer providerRefund(Payment p, RefundStart start) {
        try {
            return new RefundAnswer(gateways.get(p.provider()).refund(p.providerRef(), start.amount(), p.currency(),
                    refundKey(start.refundId())), null);
        } catch (GatewayException e) {
            if (e.uncertain()) {
                throw new ApiException(ErrorCode.PAYMENT_PROVIDER_ERROR,
                        "The provider did not confirm the refund; it stays pending until the provider answers.");
            }
            return new RefundAnswer(RefundResult.failed(null), e.getMessage());
        }
    }

    /** The idempotency key of every provider call about a refund. */
    public static String refundKey(long refundId) {
        return "rentapi-refund-" + refundId;
    }

    /**
     * Refunds all that is left of a payment, or {@code amount} of it: through the provider, or, with
     * {@code toCredit}, to the organization's credit balance, which pays its next invoices first. A
     * refund the provider has not finished stays {@code pending} (its amount reserved) until
     * reconciliation hears that it succeeded or failed.
     */
    public Payment refund(OrgId orgId, long paymentId, Long amount, String reason, boolean toCredit) {
        Instant now = clock.instant();
        RefundStart start = jdbi.inTransaction(h -> {
            PaymentDao payments = h.attach(PaymentDao.class);
            Payment p = payments.lock(orgId, paymentId).orElseThrow(() -> ApiException.notFound("payment"));
            if (p.state() != PaymentStatus.SUCCEEDED && p.state() != PaymentStatus.PARTIALLY_REFUNDED) {
                throw new ApiException(ErrorCode.PAYMENT_NOT_REFUNDABLE, "A " + p.status() + " payment cannot be refunded.");
            }
            long refundable = p.amount() - p.amountRefunded() - payments.pendingRefunds(orgId, paymentId);
            if (refundable <= 0) {
                throw new ApiException(ErrorCode.PAYMENT_NOT_REFUNDABLE, "Nothing is left to refund.");
            }
            long value = amount == null ? refundable : amount;
            if (value > refundable) {
                throw ApiException.invalid("amount", "must not exceed the refundable " + refundable);
            }
            if (!toCredit && !gateways.has(p.provider())) {
                // checked before the refund row exists: none is left pending that no provider will ever settle
                throw new ApiException(ErrorCode.PROVIDER_NOT_CONFIGURED, "This deployment has no " + p.provider()
                        + " keys; refund to the credit balance (to_credit) instead.");
            }
            // asked about by reconciliation unless settled before then, also when the provider never answers
            Instant nextCheck = toCredit ? null : now.plus(PaymentStatus.PENDING.nextCheckAfter(0));
            return new RefundStart(p, payments.insertRefund(orgId, paymentId, value, reason, nextCheck, now), value);
        });
        RefundAnswer answer = toCredit ? new RefundAnswer(RefundResult.succeeded("credit"), null)
                : providerRefund(start.payment(), start);
        Payment after = settleRefund(orgId, paymentId, start.refundId(), answer.result(), toCredit);
        if ("failed".equals(answer.result().status())) {
            throw new ApiException(ErrorCode.PAYMENT_PROVIDER_ERROR, "The provider declined the refund"
                    + (answer.refusal() == null ? "." : ": " + answer.refusal()));
        }
        return after;
    }

    /**
     * Records what the provider said about a refund, under the payment's row lock and only while the
     * refund is pending, so its money is counted once however the request and reconciliation race:
     * succeeded, it counts into amount_refunded; failed, its reserved amount is refundable again.
     */
    public Payment settleRefund(OrgId orgId, long paymentId, long refundId, RefundResult result, boolean toCredit) {
        return jdbi.inTransaction(h -> {
            PaymentDao payments = h.attach(PaymentDao.class);
            BillingAccountDao accounts = h.attach(BillingAccountDao.class);
            Instant now = clock.instant();
            if (toCredit) {
                // the account before the payment, as everywhere else: a credit refund racing a payment never deadlocks
                accounts.lockOrCreate(orgId, payments.find(orgId, paymentId).orElseThrow().currency(), now);
            }
            Payment locked = payments.lock(orgId, paymentId).orElseThrow();
            if (result.pending()) {
                payments.refundStillPending(orgId, refundId, result.providerRef(), now);
                return locked;
            }
            if (payments.settleRefund(orgId, refundId, result.status(), result.providerRef(), now) != 1) {
                return locked; // settled already
            }
            if ("failed".equals(result.status())) {
                LOG.warn("refund {} of payment {} of org {} failed at {}", refundId, paymentId, orgId,
                        locked.provider());
                outbox.append(h, orgId, "payment.refund_failed",
                        PaymentView.of(locked, payments.refunds(orgId, paymentId)));
                return locked;
            }
            long amount = payments.findRefund(orgId, refundId).orElseThrow().amount();
            if (toCredit) {
                accounts.addCredit(orgId, amount, now);
                accounts.creditEntry(orgId, amount, locked.currency(), "refund", locked.invoiceId(), now);
            }
            long refunded = locked.amountRefunded() + amount;
            String status = refunded >= locked.amount() ? PaymentStatus.REFUNDED.value()
                    : PaymentStatus.PARTIALLY_REFUNDED.value();
            payments.refunded(orgId, paymentId, amount, status, now);
            Payment updated = payments.find(orgId, paymentId).orElseThrow();
            outbox.append(h, orgId, "payment.refunded", PaymentView.of(updated, payments.refunds(orgId, paymentId)));
            return updated;
        });
    }
}
