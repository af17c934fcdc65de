package io.rentapi.billing.invoices;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

/** One line of an invoice; kind is {@code plan}, {@code proration} or {@code credit}; credits are negative. */
public record InvoiceLine(long id, OrgId orgId, long invoiceId, String kind, String description, long amount,
                          Instant periodStart, Instant periodEnd) {

    /** A line not yet stored. */
    public static InvoiceLine of(String kind, String description, long amount, Instant periodStart, Instant periodEnd) {
        return new InvoiceLine(0, null, 0, kind, description, amount, periodStart, periodEnd);
    }
}
