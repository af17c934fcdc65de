package io.rentapi.api.rentals;

import io.rentapi.api.catalog.ItemStatus;
import io.rentapi.api.catalog.Tracking;
import java.time.Instant;
import java.util.List;

/** When an item is booked and free over [from, to); for bulk items, how many units are free when. */
public record Availability(String object, long itemId, Tracking tracking, ItemStatus status, int stock, Instant from,
                           Instant to, int freeQuantity, List<Booked> booked, List<Free> free) {

    /**
     * A booking that holds the item, with the period it blocks: buffers included, and for a returned
     * rental only until the end of its buffer after the return.
     */
    public record Booked(long rentalId, int quantity, Instant startsAt, Instant endsAt, Instant blockedFrom,
                         Instant blockedUntil) {
    }

    /** A stretch in which {@code quantity} units (1 for a serialized item) can be booked. */
    public record Free(Instant from, Instant to, int quantity) {
    }
}
