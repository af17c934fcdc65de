package io.rentapi.api.rentals;

import io.rentapi.core.db.Jdbc;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The booking transaction's own statements, run through plain {@link Jdbc}: booking is the request
 * an organization makes most, and a SQL object call spends more CPU in JDBI than the statement
 * costs PostgreSQL. The availability answer reads {@link #blocks} too.
 */
final class BookingSql {
    private static final String INSERT_RENTAL = """
        INSERT INTO rentals (org_id, customer_id, status, starts_at, ends_at, currency, subtotal, fees_total, deposit,
                             deposit_retained, notes, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """;

    private static final String INSERT_LINE = """
        INSERT INTO rental_lines (org_id, rental_id, item_id, serialized, quantity, starts_at, ends_at, blocked_from,
                                  blocked_until, live, price, deposit)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """;

    /** Parameters: outUntil, orgId, itemId, until, from, outUntil, from; see {@link #blocks}. */
    private static final String BLOCKS = """
        SELECT l.rental_id, l.item_id, l.quantity, l.starts_at, l.ends_at, l.blocked_from,
               CASE WHEN l.blocked_until < ? AND EXISTS (
                         SELECT 1 FROM rentals r WHERE r.org_id = l.org_id AND r.id = l.rental_id AND r.status = 'checked_out')
                    THEN CAST(? AS timestamp with time zone) ELSE l.blocked_until END AS blocked_until
          FROM rental_lines l
         WHERE l.org_id = ? AND l.item_id = ? AND l.live AND l.blocked_from < ?
           AND (l.blocked_until > ?
                OR (CAST(? AS timestamp with time zone) > ? AND EXISTS (
                    SELECT 1 FROM rentals r WHERE r.org_id = l.org_id AND r.id = l.rental_id AND r.status = 'checked_out')))
         ORDER BY l.blocked_from, l.rental_id
        """;

    private BookingSql() {
    }

    static long insertRental(Handle h, OrgId orgId, Rental r) {
        return Jdbc.insert(h, INSERT_RENTAL, orgId, r.customerId(), r.status(), r.startsAt(), r.endsAt(), r.currency(),
                r.subtotal(), r.feesTotal(), r.deposit(), r.depositRetained(), r.notes(), r.createdAt(), r.updatedAt());
    }

    static long insertLine(Handle h, OrgId orgId, RentalLine l) {
        return Jdbc.insert(h, INSERT_LINE, orgId, l.rentalId(), l.itemId(), l.serialized(), l.quantity(), l.startsAt(),
                l.endsAt(), l.blockedFrom(), l.blockedUntil(), l.live(), l.price(), l.deposit());
    }

    /**
     * Live lines of an item whose buffered period overlaps {@code [from, until)}, earliest first. A
     * line of a checked-out rental holds its item until it comes back: past its end its block runs to
     * {@code outUntil} (now plus the item's buffer after), so an overdue rental keeps blocking. That
     * end is computed here, not stored, so the exclusion constraint on {@code rental_lines} cannot see
     * it; what protects an overdue item is this check, made under the item's row lock. The rental's
     * status is looked up only for lines past their end: joining every line to its rental let the
     * planner walk all of an organization's rentals instead (10-20 ms per booking under load).
     */
    static List<Block> blocks(Handle h, OrgId orgId, long itemId, Instant from, Instant until, Instant outUntil) {
        return Jdbc.list(h, BLOCKS, BlockMapper::read, outUntil, outUntil, orgId, itemId, until, from, outUntil, from);
    }
}
