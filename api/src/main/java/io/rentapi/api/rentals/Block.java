package io.rentapi.api.rentals;

import java.time.Instant;

/** A live line holding an item: which rental, how many units, and the period with buffers (cut short by a return). */
public record Block(long rentalId, long itemId, int quantity, Instant startsAt, Instant endsAt, Instant blockedFrom,
                    Instant blockedUntil) {
}
