package io.rentapi.api.rentals;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

/** A rental as stored; amounts in minor units of {@code currency}. */
public record Rental(long id, OrgId orgId, long customerId, String status, Instant startsAt, Instant endsAt,
                     String currency, long subtotal, long feesTotal, long deposit, long depositRetained, String notes,
                     Instant checkedOutAt, Long checkedOutBy, String checkOutCondition, String checkOutNotes,
                     Instant returnedAt, Long returnedBy, String returnCondition, String returnNotes,
                     Instant canceledAt, String cancelReason, Instant createdAt, Instant updatedAt) {

    public RentalStatus rentalStatus() {
        return RentalStatus.parse(status);
    }
}
