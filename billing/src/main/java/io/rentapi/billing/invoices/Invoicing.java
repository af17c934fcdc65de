package io.rentapi.billing.invoices;

import io.rentapi.billing.accounts.BillingAccount;
import io.rentapi.billing.accounts.BillingAccountDao;
import io.rentapi.billing.accounts.Credits;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Makes invoices inside the caller's transaction, which must hold the organization's billing account
 * lock: numbers are consecutive per organization, the credit balance pays first, tax is added on
 * the positive subtotal. An invoice whose lines come to less than zero is not issued: the
 * difference goes to the credit balance.
 */
public final class Invoicing {
    private final Outbox outbox;
    private final Credits credits;
    private final Clock clock;
    private final int taxRateBp;

    public Invoicing(Outbox outbox, Credits credits, Clock clock, int taxRateBp) {
        this.outbox = outbox;
        this.credits = credits;
        this.clock = clock;
        this.taxRateBp = taxRateBp;
    }

    /** What to invoice. {@code renewalKey} is set for a subscription period, which is invoiced only once. */
    public record Draft(Long subscriptionId, String reason, String currency, String provider, Instant periodStart,
                        Instant periodEnd, String renewalKey, List<InvoiceLine> lines) {
    }

    /** The open (or already paid, when credit covered it) invoice; null when the lines came to a credit. */
    public Invoice issue(org.jdbi.v3.core.Handle h, OrgId orgId, BillingAccount account, Draft draft) {
        Instant now = clock.instant();
        BillingAccountDao accounts = h.attach(BillingAccountDao.class);
        InvoiceDao invoices = h.attach(InvoiceDao.class);
        long subtotal = draft.lines().stream().mapToLong(InvoiceLine::amount).sum();
        if (subtotal < 0) {
            accounts.addCredit(orgId, -subtotal, now);
            accounts.creditEntry(orgId, -subtotal, draft.currency(), "proration", null, now);
            return null;
        }
        long tax = Math.round(subtotal * (double) taxRateBp / 10_000);
        long total = subtotal + tax;
        long credit = Math.min(account.creditBalance(), total);
        accounts.nextInvoiceNumber(orgId, now);
        long number = accounts.find(orgId).orElseThrow().lastInvoiceNumber();
        long id = invoices.insertDraft(orgId, String.format("INV-%06d", number), draft.subscriptionId(), draft.reason(),
                draft.currency(), taxRateBp, draft.provider(), draft.periodStart(), draft.periodEnd(),
                draft.renewalKey(), now);
        for (InvoiceLine line : draft.lines()) {
            invoices.insertLine(orgId, id, line.kind(), line.description(), line.amount(), line.periodStart(),
                    line.periodEnd());
        }
        if (credit > 0) {
            accounts.addCredit(orgId, -credit, now);
            accounts.creditEntry(orgId, -credit, draft.currency(), "applied", id, now);
        }
        invoices.finalizeDraft(orgId, id, subtotal, tax, total, credit, total - credit, now);
        emit(h, orgId, id, "invoice.created");
        if (total - credit == 0) {
            invoices.markPaid(orgId, id, now);
            emit(h, orgId, id, "invoice.paid");
        }
        return invoices.find(orgId, id).orElseThrow();
    }

    /**
     * Closes an open invoice as {@code void} or {@code uncollectible}, under the billing account lock
     * the caller holds, and emits the event {@code event}; false when it was not open any more.
     */
    public boolean close(org.jdbi.v3.core.Handle h, OrgId orgId, long invoiceId, String status, String event) {
        Instant now = clock.instant();
        InvoiceDao invoices = h.attach(InvoiceDao.class);
        if (invoices.close(orgId, invoiceId, status, now) != 1) {
            return false;
        }
        // the credit paid for a period the organization no longer gets; it pays the next invoice instead
        Invoice closed = invoices.find(orgId, invoiceId).orElseThrow();
        if (closed.creditApplied() > 0 && invoices.returnCredit(orgId, invoiceId, now) == 1) {
            credits.add(h, orgId, closed.creditApplied(), closed.currency(), "credit_returned", invoiceId, now);
        }
        emit(h, orgId, invoiceId, event);
        return true;
    }

    public void emit(org.jdbi.v3.core.Handle h, OrgId orgId, long invoiceId, String type) {
        InvoiceDao invoices = h.attach(InvoiceDao.class);
        outbox.append(h, orgId, type, InvoiceView.of(invoices.find(orgId, invoiceId).orElseThrow(),
                invoices.lines(orgId, invoiceId)));
    }
}
