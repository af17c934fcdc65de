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
 * costs PostgreSQL; each round trip to the database costs both sides too, so on PostgreSQL the
 * rental's and lines' ids are taken with the locks and the rows written with them, in one round trip
 * with the event and audit entry. The availability answer reads {@link #blocks} too.
 */
final class BookingSql {
    private static final String RENTAL_COLUMNS = "org_id, customer_id, status, starts_at, ends_at, currency, subtotal, "
            + "fees_total, deposit, deposit_retained, notes, created_at, updated_at";

    private static final String RENTAL_VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

    private static final String INSERT_RENTAL = "INSERT INTO rentals (" + RENTAL_COLUMNS + ") VALUES (" + RENTAL_VALUES + ")";

    private static final String LINE_COLUMNS =
            "org_id, rental_id, item_id, serialized, quantity, starts_at, ends_at, blocked_from, blocked_until, live, price, deposit";

    private static final String LINE_VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

    private static final String INSERT_LINE = "INSERT INTO rental_lines (" + LINE_COLUMNS + ") VALUES (" + LINE_VALUES + ")";

    /** PostgreSQL names an identity column's sequence after its table and column. */
    private static final String NEXT_RENTAL_ID = "SELECT nextval('rentals_id_seq')";

    private static final String NEXT_LINE_IDS = "SELECT nextval('rental_lines_id_seq') FROM generate_series(1, ?)";

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

    /**
     * PostgreSQL: from here to the end of the booking transaction, every statement runs on its one
     * generic plan. Left to choose, PostgreSQL kept planning {@link #BLOCKS} for each booking (its
     * plan for the given dates looked cheaper than the generic one): about 94 µs of planning on
     * each booking, a tenth of the database's CPU for it.
     */
    static final Jdbc.Statement ONE_PLAN_EACH = Jdbc.Statement.change("SET LOCAL plan_cache_mode = force_generic_plan");

    private BookingSql() {
    }

    /** The ids a booking's rental and lines were given; line ids by item (an item is on one line of a rental). */
    record Ids(long rentalId, Map<Long, Long> lineIds) {
    }

    /**
     * PostgreSQL: two queries that take ids from the sequences behind {@code rentals.id} and
     * {@code rental_lines.id}, one for the rental and {@code lines} for its lines, so that the rows
     * can be written with their ids together with what refers to them; read with {@link #ids}.
     */
    static Jdbc.Statement[] takeIds(int lines) {
        return new Jdbc.Statement[] {
            Jdbc.Statement.query(NEXT_RENTAL_ID, rs -> rs.getLong(1)),
            Jdbc.Statement.query(NEXT_LINE_IDS, rs -> rs.getLong(1), lines)};
    }

    /**
     * The ids {@link #takeIds} took, answers {@code at} and {@code at + 1}: ascending line ids for the
     * lines in {@code itemIds}' order (the client's), the order in which a rental's lines are read back.
     */
    static Ids ids(Jdbc.Results results, int at, Iterable<Long> itemIds) {
        List<Long> lineIds = new ArrayList<>(results.<Long>rows(at + 1));
        lineIds.sort(null);
        Map<Long, Long> byItem = new HashMap<>();
        int next = 0;
        for (long itemId : itemIds) {
            byItem.put(itemId, lineIds.get(next++));
        }
        return new Ids(results.<Long>rows(at).get(0), byItem);
    }

    /** Inserts that write a rental and its lines with the ids they already have (see {@link #takeIds}). */
    static List<Jdbc.Statement> inserts(OrgId orgId, Rental r, List<RentalLine> lines) {
        List<Object> rentalArgs = new ArrayList<>(List.of(r.id()));
        rentalArgs.addAll(Arrays.asList(rentalArgs(orgId, r)));
        StringBuilder insertLines = new StringBuilder("INSERT INTO rental_lines (id, ").append(LINE_COLUMNS).append(") VALUES ");
        List<Object> lineArgs = new ArrayList<>();
        for (RentalLine l : lines) {
            insertLines.append(lineArgs.isEmpty() ? "" : ", ").append("(?, ").append(LINE_VALUES).append(')');
            lineArgs.addAll(List.of(l.id(), orgId, r.id()));
            lineArgs.addAll(lineArgs(l));
        }
        return List.of(
                Jdbc.Statement.change("INSERT INTO rentals (id, " + RENTAL_COLUMNS + ") VALUES (?, " + RENTAL_VALUES + ")",
                        rentalArgs.toArray()),
                Jdbc.Statement.change(insertLines.toString(), lineArgs.toArray()));
    }

    /** Inserts the rental and then its lines, one row at a time, and answers the ids they were given. */
    static Ids insert(Handle h, OrgId orgId, Rental r, List<RentalLine> lines) {
        long rentalId = Jdbc.insert(h, INSERT_RENTAL, rentalArgs(orgId, r));
        Map<Long, Long> lineIds = new HashMap<>();
        for (RentalLine l : lines) {
            List<Object> args = new ArrayList<>(List.of(orgId, rentalId));
            args.addAll(lineArgs(l));
            lineIds.put(l.itemId(), Jdbc.insert(h, INSERT_LINE, args.toArray()));
        }
        return new Ids(rentalId, lineIds);
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
        Jdbc.Statement blocks = blocks(orgId, itemId, from, until, outUntil);
        return Jdbc.list(h, blocks.sql(), BlockMapper::read, blocks.args());
    }

    /** {@link #blocks(Handle, OrgId, long, Instant, Instant, Instant)} as a statement of a pipeline; rows are {@link Block}s. */
    static Jdbc.Statement blocks(OrgId orgId, long itemId, Instant from, Instant until, Instant outUntil) {
        if (!outUntil.isAfter(from)) {
            return Jdbc.Statement.query(BLOCKS, BlockMapper::read, orgId, itemId, until, from);
        }
        return Jdbc.Statement.query(BLOCKS_WITH_OVERDUE, BlockMapper::read, outUntil, outUntil, orgId, itemId, until, from);
    }
}
