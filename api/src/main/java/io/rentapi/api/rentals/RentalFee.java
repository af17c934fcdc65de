package io.rentapi.api.rentals;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

/** A charge added at return: {@code late_fee} or {@code damage}. */
public record RentalFee(long id, OrgId orgId, long rentalId, String kind, Long itemId, String description, long amount,
                        Instant createdAt) {
}
