package io.rentapi.api.rentals;

import io.rentapi.core.db.Jdbc;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The booking transaction's own statements, run through plain {@link Jdbc}: booking is the request
 * an organization makes most, and a SQL object call spends more CPU in JDBI than the statement
 * costs PostgreSQL; each round trip to the database costs both sides too, so PostgreSQL gets the
 * rental and its lines in one. The availability answer reads {@link #blocks} too.
 */
final class BookingSql {
    private static final String INSERT_RENTAL = """
        INSERT INTO rentals (org_id, customer_id, status, starts_at, ends_at, currency, subtotal, fees_total, deposit,
                             deposit_retained, notes, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """;

    private static final String LINE_COLUMNS =
            "org_id, rental_id, item_id, serialized, quantity, starts_at, ends_at, blocked_from, blocked_until, live, price, deposit";

    /** The values of a line after its organization and rental, in {@link #LINE_COLUMNS}' order. */
    private static final String LINE_VALUES =
            "CAST(? AS bigint), CAST(? AS boolean), CAST(? AS integer), CAST(? AS timestamp with time zone), "
            + "CAST(? AS timestamp with time zone), CAST(? AS timestamp with time zone), CAST(? AS timestamp with time zone), "
            + "CAST(? AS boolean), CAST(? AS bigint), CAST(? AS bigint)";

    private static final String INSERT_LINE =
            "INSERT INTO rental_lines (" + LINE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * Lines whose stored block overlaps; parameters: orgId, itemId, until, from. Enough whenever
     * {@code outUntil <= from}: a line that blocks that period ends after {@code from}, so an
     * overdue rental's longer block cannot reach into it. A statement of its own so that PostgreSQL
     * keeps one plan for it; with the overdue case folded in it planned the query on every booking.
     */
    private static final String BLOCKS = """
        SELECT l.rental_id, l.item_id, l.quantity, l.starts_at, l.ends_at, l.blocked_from, l.blocked_until
          FROM rental_lines l
         WHERE l.org_id = ? AND l.item_id = ? AND l.live AND l.blocked_from < ? AND l.blocked_until > ?
         ORDER BY l.blocked_from, l.rental_id
        """;

    /** {@link #BLOCKS} with overdue lines; parameters: outUntil, outUntil, orgId, itemId, until, from. */
    private static final String BLOCKS_WITH_OVERDUE = """
        SELECT l.rental_id, l.item_id, l.quantity, l.starts_at, l.ends_at, l.blocked_from,
               CASE WHEN l.blocked_until < ? AND EXISTS (
                         SELECT 1 FROM rentals r WHERE r.org_id = l.org_id AND r.id = l.rental_id AND r.status = 'checked_out')
                    THEN CAST(? AS timestamp with time zone) ELSE l.blocked_until END AS blocked_until
          FROM rental_lines l
         WHERE l.org_id = ? AND l.item_id = ? AND l.live AND l.blocked_from < ?
           AND (l.blocked_until > ?
                OR EXISTS (SELECT 1 FROM rentals r WHERE r.org_id = l.org_id AND r.id = l.rental_id AND r.status = 'checked_out'))
         ORDER BY l.blocked_from, l.rental_id
        """;

    private BookingSql() {
    }

    /** The ids a booking's rental and lines were given; line ids by item (an item is on one line of a rental). */
    record Inserted(long rentalId, Map<Long, Long> lineIds) {
    }

    /**
     * Inserts the rental and its lines: on PostgreSQL in one statement (the lines take the rental's
     * id in the database), elsewhere one row at a time.
     */
    static Inserted insert(Handle h, boolean postgres, OrgId orgId, Rental r, List<RentalLine> lines) {
        Map<Long, Long> lineIds = new HashMap<>();
        if (!postgres) {
            long rentalId = Jdbc.insert(h, INSERT_RENTAL, rentalArgs(orgId, r));
            for (RentalLine l : lines) {
                List<Object> args = new ArrayList<>(List.of(orgId, rentalId));
                args.addAll(lineArgs(l));
                lineIds.put(l.itemId(), Jdbc.insert(h, INSERT_LINE, args.toArray()));
            }
            return new Inserted(rentalId, lineIds);
        }
        StringBuilder sql = new StringBuilder("WITH r AS (").append(INSERT_RENTAL.strip()).append(" RETURNING id),\n")
                .append("l AS (INSERT INTO rental_lines (").append(LINE_COLUMNS).append(")\n");
        List<Object> args = new ArrayList<>(Arrays.asList(rentalArgs(orgId, r)));
        for (int i = 0; i < lines.size(); i++) {
            sql.append(i == 0 ? "" : "  UNION ALL\n").append("  SELECT ?, r.id, ").append(LINE_VALUES).append(" FROM r\n");
            args.add(orgId);
            args.addAll(lineArgs(lines.get(i)));
        }
        sql.append("  RETURNING rental_id, id, item_id)\nSELECT rental_id, id, item_id FROM l");
        long rentalId = 0;
        for (long[] row : Jdbc.list(h, sql.toString(), rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)},
                args.toArray())) {
            rentalId = row[0];
            lineIds.put(row[2], row[1]);
        }
        return new Inserted(rentalId, lineIds);
    }

    private static Object[] rentalArgs(OrgId orgId, Rental r) {
        return new Object[] {orgId, r.customerId(), r.status(), r.startsAt(), r.endsAt(), r.currency(), r.subtotal(),
                r.feesTotal(), r.deposit(), r.depositRetained(), r.notes(), r.createdAt(), r.updatedAt()};
    }

    /** A line's values after its organization and rental, in {@link #LINE_COLUMNS}' order. */
    private static List<Object> lineArgs(RentalLine l) {
        return Arrays.asList(l.itemId(), l.serialized(), l.quantity(), l.startsAt(), l.endsAt(), l.blockedFrom(),
                l.blockedUntil(), l.live(), l.price(), l.deposit());
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
        if (!outUntil.isAfter(from)) {
            return Jdbc.list(h, BLOCKS, BlockMapper::read, orgId, itemId, until, from);
        }
        return Jdbc.list(h, BLOCKS_WITH_OVERDUE, BlockMapper::read, outUntil, outUntil, orgId, itemId, until, from);
    }
}
