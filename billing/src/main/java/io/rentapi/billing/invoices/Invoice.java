package io.rentapi.billing.invoices;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

public record Invoice(long id, OrgId orgId, String number, Long subscriptionId, String reason, String status,
                      String currency, long subtotal, int taxRateBp, long tax, long total, long creditApplied,
                      long amountDue, long amountPaid, String provider, Instant periodStart, Instant periodEnd,
                      Instant paidAt, Instant voidedAt, Instant createdAt, Instant updatedAt) {
    public static final String OPEN = "open";
    public static final String PAID = "paid";
    public static final String VOID = "void";
    public static final String UNCOLLECTIBLE = "uncollectible";

    public boolean isOpen() {
        return OPEN.equals(status);
    }
}
