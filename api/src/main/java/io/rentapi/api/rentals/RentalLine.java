package io.rentapi.api.rentals;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

/**
 * One item of a rental; it blocks the item over {@code [blockedFrom, blockedUntil)} while {@code live}.
 * A return cuts {@code blockedUntil} back to the item's buffer after the return; cancel and no-show end {@code live}.
 */
public record RentalLine(long id, OrgId orgId, long rentalId, long itemId, boolean serialized, int quantity,
                         Instant startsAt, Instant endsAt, Instant blockedFrom, Instant blockedUntil, boolean live,
                         long price, long deposit) {

    /** This line under the ids the database gave it and its rental. */
    public RentalLine withIds(long newId, long newRentalId) {
        return new RentalLine(newId, orgId, newRentalId, itemId, serialized, quantity, startsAt, endsAt, blockedFrom,
                blockedUntil, live, price, deposit);
    }
}
