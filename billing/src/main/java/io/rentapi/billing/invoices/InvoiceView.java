package io.rentapi.billing.invoices;

import java.time.Instant;
import java.util.List;

/** An invoice as its organization sees it; amounts in minor units of {@code currency}. */
public record InvoiceView(long id, String object, String number, String status, String reason, Long subscriptionId,
                          String currency, long subtotal, int taxRateBasisPoints, long tax, long total,
                          long creditApplied, long amountDue, long amountPaid, String provider, Instant periodStart,
                          Instant periodEnd, List<Line> lines, Instant paidAt, Instant createdAt) {

    public record Line(String kind, String description, long amount, Instant periodStart, Instant periodEnd) {
    }

    public static InvoiceView of(Invoice i, List<InvoiceLine> lines) {
        return new InvoiceView(i.id(), "invoice", i.number(), i.status(), i.reason(), i.subscriptionId(), i.currency(),
                i.subtotal(), i.taxRateBp(), i.tax(), i.total(), i.creditApplied(), i.amountDue(), i.amountPaid(),
                i.provider(), i.periodStart(), i.periodEnd(),
                lines.stream().map(l -> new Line(l.kind(), l.description(), l.amount(), l.periodStart(), l.periodEnd()))
                        .toList(),
                i.paidAt(), i.createdAt());
    }
}
