package io.rentapi.billing.subscriptions;

import io.rentapi.billing.BillingMail;
import io.rentapi.billing.invoices.Invoice;
import io.rentapi.billing.invoices.InvoiceDao;
import io.rentapi.billing.invoices.Invoicing;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * What a failed subscription payment does: the first failure makes the subscription past_due (the
 * organization keeps its plan) and schedules retries counted from that failure; the failure of the
 * last retry cancels the subscription (the organization drops to Free) and marks the invoice
 * uncollectible, giving back the credit it had applied. Every step is an event and a mail to the
 * billing contacts.
 */
public final class Dunning {
    private final List<Duration> retries;
    private final Invoicing invoicing;
    private final SubscriptionEvents events;
    private final BillingMail mail;
    private final Clock clock;

    public Dunning(List<Duration> retries, Invoicing invoicing, SubscriptionEvents events,
                   BillingMail mail, Clock clock) {
        this.retries = List.copyOf(retries);
        this.invoicing = invoicing;
        this.events = events;
        this.mail = mail;
        this.clock = clock;
    }

    public int retries() {
        return retries.size();
    }

    /** Called in the transaction that recorded the failed payment, under the billing account lock. */
    public void paymentFailed(Handle h, OrgId orgId, long invoiceId, String failureMessage) {
        Invoice invoice = h.attach(InvoiceDao.class).find(orgId, invoiceId).orElseThrow();
        if (!invoice.isOpen() || invoice.subscriptionId() == null) {
            return;
        }
        SubscriptionDao subscriptions = h.attach(SubscriptionDao.class);
        Subscription s = subscriptions.lock(orgId, invoice.subscriptionId()).orElseThrow();
        Instant now = clock.instant();
        SubscriptionStatus state = s.state();
        if (state == SubscriptionStatus.ACTIVE || state == SubscriptionStatus.TRIALING) {
            if (retries.isEmpty()) {
                cancelForNonPayment(h, s, invoice);
                return;
            }
            Instant next = now.plus(retries.get(0));
            subscriptions.startDunning(orgId, s.id(), invoiceId, next, now);
            events.emit(h, orgId, s.id(), "subscription.updated");
            failedMail(h, orgId, invoice, failureMessage, next);
        } else if (state == SubscriptionStatus.PAST_DUE && Long.valueOf(invoiceId).equals(s.dunningInvoiceId())) {
            if (s.dunningAttempts() >= retries.size()) {
                cancelForNonPayment(h, s, invoice);
                return;
            }
            Instant next = s.pastDueSince().plus(retries.get(s.dunningAttempts()));
            subscriptions.scheduleDunning(orgId, s.id(), next, now);
            failedMail(h, orgId, invoice, failureMessage, next);
        }
    }

    /**
     * Schedules the next retry after an attempt whose payment is still in flight; after the last
     * retry, the deadline by which that payment must succeed, when the job cancels as after a failure.
     */
    public void afterAttempt(Handle h, OrgId orgId, long subscriptionId) {
        SubscriptionDao subscriptions = h.attach(SubscriptionDao.class);
        Subscription s = subscriptions.lock(orgId, subscriptionId).orElseThrow();
        if (s.state() != SubscriptionStatus.PAST_DUE || s.nextDunningAt() != null) {
            return;
        }
        Instant now = clock.instant();
        Instant next = s.dunningAttempts() < retries.size()
                ? s.pastDueSince().plus(retries.get(s.dunningAttempts())) : now.plus(lastRetryWait());
        subscriptions.scheduleDunning(orgId, s.id(), next, now);
    }

    /** How long the last retry's payment may stay in flight: as long as the wait before that retry. */
    private Duration lastRetryWait() {
        int last = retries.size() - 1;
        return last == 0 ? retries.get(0) : retries.get(last).minus(retries.get(last - 1));
    }

    /** Under the billing account lock, which every caller holds. */
    public void cancelForNonPayment(Handle h, Subscription s, Invoice invoice) {
        Instant now = clock.instant();
        invoicing.close(h, s.orgId(), invoice.id(), Invoice.UNCOLLECTIBLE, "invoice.marked_uncollectible");
        h.attach(SubscriptionDao.class).cancelNow(s.orgId(), s.id(), now);
        events.emit(h, s.orgId(), s.id(), "subscription.canceled");
        mail.send(h, s.orgId(), "billing-subscription-canceled", Map.of("detail",
                "Invoice " + invoice.number() + " of " + BillingMail.amount(invoice.amountDue(), invoice.currency())
                        + " could not be collected after every retry; it is marked uncollectible."));
    }

    private void failedMail(Handle h, OrgId orgId, Invoice invoice, String failureMessage, Instant nextAttempt) {
        mail.send(h, orgId, "billing-payment-failed", Map.of(
                "invoice_number", invoice.number(),
                "amount", BillingMail.amount(invoice.amountDue(), invoice.currency()),
                "failure_message", failureMessage == null ? "" : failureMessage,
                "next_attempt_at", nextAttempt.toString()));
    }
}
