package io.rentapi.api.rentals;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

/** A rental as stored; amounts in minor units of {@code currency}. */
public record Rental(long id, OrgId orgId, long customerId, String status, Instant startsAt, Instant endsAt,
                     String currency, long subtotal, long feesTotal, long deposit, long depositRetained, String notes,
                     Instant checkedOutAt, Long checkedOutBy, String checkOutCondition, String checkOutNotes,
                     Instant returnedAt, Long returnedBy, String returnCondition, String returnNotes,
                     Instant canceledAt, String cancelReason, Instant createdAt, Instant updatedAt) {

    /** This rental under the id the database gave it. */
    public Rental withId(long newId) {
        return new Rental(newId, orgId, customerId, status, startsAt, endsAt, currency, subtotal, feesTotal, deposit,
                depositRetained, notes, checkedOutAt, checkedOutBy, checkOutCondition, checkOutNotes, returnedAt,
                returnedBy, returnCondition, returnNotes, canceledAt, cancelReason, createdAt, updatedAt);
    }

    public RentalStatus rentalStatus() {
        return RentalStatus.parse(status);
    }
}
