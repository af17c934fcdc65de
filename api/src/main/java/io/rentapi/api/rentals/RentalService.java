package io.rentapi.api.rentals;

import io.rentapi.api.audit.AuditTrail;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.catalog.Item;
import io.rentapi.api.catalog.ItemDao;
import io.rentapi.api.catalog.ItemMapper;
import io.rentapi.api.catalog.ItemService;
import io.rentapi.api.catalog.ItemStatus;
import io.rentapi.api.customers.Customer;
import io.rentapi.api.customers.CustomerDao;
import io.rentapi.api.customers.CustomerMapper;
import io.rentapi.core.db.Jdbc;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.error.FieldError;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.core.page.Page;
import io.rentapi.core.page.PageRequest;
import io.rentapi.core.tenancy.OrgId;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Bookings and their lifecycle. No item is ever booked twice over: the booking transaction locks
 * every item row it books (in id order, so two bookings never wait on each other in a circle) and
 * checks the live lines under that lock; on PostgreSQL an exclusion constraint refuses overlapping
 * live lines of a serialized item even if that lock were ever bypassed. A checked-out rental holds its
 * items until they come back, also past its end; only the checks under the item lock know that (see
 * {@link BookingSql#blocks}), the constraint sees the booked periods alone.
 */
public final class RentalService {
    /** SQLSTATE of an exclusion-constraint violation (PostgreSQL). */
    private static final String EXCLUSION_VIOLATION = "23P01";

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final Clock clock;
    private final ItemService catalog;

    public RentalService(Jdbi jdbi, Outbox outbox, Clock clock, ItemService catalog) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.clock = clock;
        this.catalog = catalog;
    }

    public record Filter(RentalStatus status, Long customerId, Long itemId) {
    }

    public RentalView.Details book(OrgId orgId, RentalRequests.Create request) {
        Instant startsAt = Times.bodyField("starts_at", request.startsAt());
        Instant endsAt = Times.bodyField("ends_at", request.endsAt());
        if (!startsAt.isBefore(endsAt)) {
            throw ApiException.invalid("ends_at", "must be after starts_at");
        }
        if (Duration.between(startsAt, endsAt).compareTo(Times.MAX_PERIOD) > 0) {
            throw ApiException.invalid("ends_at", "must be at most 366 days after starts_at");
        }
        // lock order: items by id
        Map<Long, Integer> lineIndex = new TreeMap<>();
        for (int i = 0; i < request.lines().size(); i++) {
            if (lineIndex.put(request.lines().get(i).itemId(), i) != null) {
                throw ApiException.invalid("lines[" + i + "].item_id", "appears in more than one line; "
                        + "book several units of a bulk item with quantity");
            }
        }
        try {
            return jdbi.inTransaction(h -> book(h, orgId, request, startsAt, endsAt, lineIndex));
        } catch (RuntimeException e) {
            if (isExclusionViolation(e)) {
                throw overlapAfterTheFact(orgId, request, startsAt, endsAt);
            }
            throw e;
        }
    }

    private RentalView.Details book(Handle h, OrgId orgId, RentalRequests.Create request, Instant startsAt,
                                    Instant endsAt, Map<Long, Integer> lineIndex) {
        boolean postgres = Jdbc.postgresql(h);
        // The customer is held, so that a booking and a block of its customer never both commit: whichever
        // comes second waits and then sees the other. A shared lock, so that one customer's bookings of
        // different items still run side by side (FOR UPDATE queued them all on the customer's row); H2 (dev)
        // knows only FOR UPDATE. Then every item is locked, in id order. One round trip on PostgreSQL.
        // On PostgreSQL the rental's and lines' ids are taken in the same round trip, so that the rows can
        // later go out together with the event and audit entry that name them; before them, the rest of
        // the transaction is told to keep one plan per statement.
        List<Jdbc.Statement> locks = new ArrayList<>();
        locks.add(Jdbc.Statement.query(CustomerDao.HOLD + (postgres ? "SHARE" : "UPDATE"), CustomerMapper::read,
                orgId, request.customerId()));
        for (long itemId : lineIndex.keySet()) {
            locks.add(Jdbc.Statement.query(ItemDao.LOCK, ItemMapper::read, orgId, itemId));
        }
        int idsAt = locks.size() + 1; // the ids follow the plan setting
        if (postgres) {
            locks.add(BookingSql.ONE_PLAN_EACH);
            locks.addAll(List.of(BookingSql.takeIds(lineIndex.size())));
        }
        Jdbc.Results locked = Jdbc.pipeline(h, locks.toArray(Jdbc.Statement[]::new));
        List<Customer> customers = locked.rows(0);
        Customer customer = customers.stream().findFirst().orElseThrow(() -> ApiException.notFound("customer"));
        if (customer.blocked()) {
            throw new ApiException(ErrorCode.CUSTOMER_BLOCKED, "This customer is blocked and cannot book"
                    + (customer.blockedReason() == null ? "." : ": " + customer.blockedReason()));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String currency = null;
        List<Wanted> wanted = new ArrayList<>();
        List<Jdbc.Statement> checks = new ArrayList<>();
        int next = 1;
        for (Map.Entry<Long, Integer> entry : lineIndex.entrySet()) {
            String field = "lines[" + entry.getValue() + "]";
            List<Item> found = locked.rows(next++);
            Item item = found.stream().findFirst().orElseThrow(() -> ApiException.notFound("item"));
            if (ItemStatus.parse(item.status()) == ItemStatus.RETIRED) {
                throw new ApiException(ErrorCode.ITEM_NOT_RENTABLE, "Item " + item.id() + " is retired.");
            }
            RentalRequests.Line line = request.lines().get(entry.getValue());
            int quantity = line.quantity() == null ? 1 : line.quantity();
            if (item.serialized() && quantity != 1) {
                throw ApiException.invalid(field + ".quantity", "must be 1 for a serialized item");
            }
            if (quantity > item.stock()) {
                throw ApiException.invalid(field + ".quantity", "exceeds the item's stock of " + item.stock());
            }
            if (currency != null && !currency.equals(item.currency())) {
                throw new ApiException(ErrorCode.CURRENCY_MISMATCH, "Item " + item.id() + " is priced in "
                        + item.currency() + ", other items of this rental in " + currency + "; book them separately.",
                        List.of(new FieldError(field + ".item_id", "is priced in " + item.currency())));
            }
            currency = item.currency();
            if (item.hourlyRate() == null && item.dailyRate() == null && item.weeklyRate() == null) {
                throw new ApiException(ErrorCode.ITEM_NOT_PRICED, "Item " + item.id() + " has no hourly, daily or "
                        + "weekly rate; give it one before booking it.",
                        List.of(new FieldError(field + ".item_id", "has no rate")));
            }
            Wanted w = new Wanted(item, field, quantity, startsAt.minus(item.bufferBefore()), endsAt.plus(item.bufferAfter()));
            wanted.add(w);
            checks.add(BookingSql.blocks(orgId, item.id(), w.blockedFrom(), w.blockedUntil(), now.plus(item.bufferAfter())));
        }
        // every item's availability in one round trip, each checked under its item's lock
        Jdbc.Results booked = Jdbc.pipeline(h, checks.toArray(Jdbc.Statement[]::new));
        Duration period = Duration.between(startsAt, endsAt);
        long subtotal = 0;
        long deposit = 0;
        List<RentalLine> lines = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            Wanted w = wanted.get(i);
            Item item = w.item();
            int quantity = w.quantity();
            String field = w.field();
            requireFree(booked.rows(i), item, quantity, field, w.blockedFrom(), w.blockedUntil());
            long price;
            long lineDeposit;
            try {
                price = Math.multiplyExact(
                        Pricing.cheapest(period, item.hourlyRate(), item.dailyRate(), item.weeklyRate()), quantity);
                lineDeposit = Math.multiplyExact(item.deposit(), quantity);
                subtotal = Math.addExact(subtotal, price);
                deposit = Math.addExact(deposit, lineDeposit);
            } catch (ArithmeticException e) {
                throw ApiException.invalid(field + ".quantity", "is too large: the price or deposit of the rental "
                        + "would exceed the largest amount that can be stored");
            }
            lines.add(new RentalLine(0, orgId, 0, item.id(), item.serialized(), quantity, startsAt, endsAt,
                    w.blockedFrom(), w.blockedUntil(), true, price, lineDeposit));
        }
        // lines in the order the client sent them
        lines.sort(Comparator.comparingInt(l -> lineIndex.get(l.itemId())));
        Rental draft = new Rental(0, orgId, customer.id(), RentalStatus.RESERVED.value(), startsAt, endsAt, currency,
                subtotal, 0, deposit, 0, request.notes(), null, null, null, null, null, null, null, null, null, null,
                now, now);
        if (!postgres) {
            RentalView.Details details = withIds(draft, lines, BookingSql.insert(h, orgId, draft, lines));
            publish(h, orgId, "rental.created", details);
            return details;
        }
        // the rows, the event and the audit entry in one round trip
        RentalView.Details details = withIds(draft, lines, BookingSql.ids(locked, idsAt,
                request.lines().stream().map(RentalRequests.Line::itemId).toList()));
        List<Jdbc.Statement> writes = new ArrayList<>(BookingSql.inserts(orgId, details.rental(), details.lines()));
        writes.addAll(List.of(publishing(h, orgId, "rental.created", details)));
        Jdbc.pipeline(h, writes.toArray(Jdbc.Statement[]::new));
        return details;
    }

    /** A line of a booking request, its item locked and checked, with the period it would block the item. */
    private record Wanted(Item item, String field, int quantity, Instant blockedFrom, Instant blockedUntil) {
    }

    /** The booked rental and its lines under the ids they were given. */
    private static RentalView.Details withIds(Rental draft, List<RentalLine> lines, BookingSql.Ids ids) {
        return new RentalView.Details(draft.withId(ids.rentalId()), lines.stream()
                .map(l -> l.withIds(ids.lineIds().get(l.itemId()), ids.rentalId())).toList(), List.of());
    }

    /**
     * A serialized item is free when no live line overlaps; a bulk item when, at every moment of the
     * period, the units held plus these stay within stock. The most held at once is found by a sweep
     * over the overlapping lines' starts and ends.
     */
    private static void requireFree(List<Block> blocks, Item item, int quantity, String field, Instant from,
                                    Instant until) {
        if (blocks.isEmpty()) {
            return;
        }
        if (item.serialized()) {
            Block first = blocks.get(0);
            throw overlap(field, "Item " + item.id() + " is already booked from " + first.blockedFrom() + " to "
                    + first.blockedUntil() + " (rental " + first.rentalId() + ", buffers included).");
        }
        TreeMap<Instant, Integer> changes = new TreeMap<>();
        for (Block b : blocks) {
            changes.merge(b.blockedFrom().isBefore(from) ? from : b.blockedFrom(), b.quantity(), Integer::sum);
            changes.merge(b.blockedUntil(), -b.quantity(), Integer::sum);
        }
        int held = 0;
        for (Map.Entry<Instant, Integer> change : changes.entrySet()) {
            held += change.getValue();
            if (held + quantity > item.stock() && change.getKey().isBefore(until)) {
                Instant busyFrom = change.getKey();
                Instant busyUntil = changes.higherKey(busyFrom);
                throw overlap(field, "Item " + item.id() + " has " + Math.max(0, item.stock() - held) + " of "
                        + item.stock() + " units free from " + busyFrom + " to "
                        + (busyUntil == null || busyUntil.isAfter(until) ? until : busyUntil) + "; " + quantity
                        + " requested (buffers included).");
            }
        }
    }

    private static ApiException overlap(String field, String detail) {
        return new ApiException(ErrorCode.RENTAL_OVERLAP, detail,
                List.of(new FieldError(field + ".item_id", "is not free for this period")));
    }

    /** The constraint fired: name the period that won, read after the losing transaction rolled back. */
    private ApiException overlapAfterTheFact(OrgId orgId, RentalRequests.Create request, Instant startsAt, Instant endsAt) {
        for (int i = 0; i < request.lines().size(); i++) {
            long itemId = request.lines().get(i).itemId();
            Item item = jdbi.onDemand(ItemDao.class).find(orgId, itemId).orElse(null);
            if (item == null || !item.serialized()) {
                continue;
            }
            Instant from = startsAt.minus(item.bufferBefore());
            Instant until = endsAt.plus(item.bufferAfter());
            List<Block> blocks = jdbi.withHandle(h -> BookingSql.blocks(h, orgId, itemId, from, until,
                    clock.instant().plus(item.bufferAfter())));
            if (!blocks.isEmpty()) {
                return overlap("lines[" + i + "]", "Item " + itemId + " is already booked from "
                        + blocks.get(0).blockedFrom() + " to " + blocks.get(0).blockedUntil() + " (rental "
                        + blocks.get(0).rentalId() + ", buffers included).");
            }
        }
        return new ApiException(ErrorCode.RENTAL_OVERLAP, "An item of this rental is already booked for that period.");
    }

    private static boolean isExclusionViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && EXCLUSION_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public RentalView.Details get(OrgId orgId, long id) {
        return jdbi.withHandle(h -> details(h, orgId,
                h.attach(RentalDao.class).find(orgId, id).orElseThrow(() -> ApiException.notFound("rental"))));
    }

    public Page<RentalView.Details> list(OrgId orgId, Filter filter, PageRequest page) {
        return jdbi.withHandle(h -> {
            RentalDao rentals = h.attach(RentalDao.class);
            Page<Rental> rows = page.toPage(rentals.page(orgId, filter.status() == null ? null : filter.status().value(),
                    filter.customerId(), filter.itemId(), page.idAbove(), page.idBelow(), page.order(), page.fetch()));
            if (rows.data().isEmpty()) {
                return new Page<>(List.of(), rows.hasMore());
            }
            Set<Long> ids = rows.data().stream().map(Rental::id).collect(Collectors.toSet());
            Map<Long, List<RentalLine>> lines = rentals.lines(orgId, ids).stream()
                    .collect(Collectors.groupingBy(RentalLine::rentalId));
            Map<Long, List<RentalFee>> fees = rentals.fees(orgId, ids).stream()
                    .collect(Collectors.groupingBy(RentalFee::rentalId));
            return rows.map(r -> new RentalView.Details(r, lines.getOrDefault(r.id(), List.of()),
                    fees.getOrDefault(r.id(), List.of())));
        });
    }

    public RentalView.Details checkOut(Caller caller, long id, RentalRequests.CheckOut request) {
        OrgId orgId = caller.orgId();
        return jdbi.inTransaction(h -> {
            RentalDao rentals = h.attach(RentalDao.class);
            Rental rental = lockInStatus(rentals, orgId, id, RentalStatus.RESERVED, "checked out");
            ItemDao items = h.attach(ItemDao.class);
            List<RentalLine> lines = new ArrayList<>(rentals.lines(orgId, List.of(id)));
            // lock order: items by id, as booking takes them
            lines.sort(Comparator.comparingLong(RentalLine::itemId));
            String condition = null;
            for (RentalLine line : lines) {
                Item item = items.lock(orgId, line.itemId()).orElseThrow();
                if (ItemStatus.parse(item.status()) != ItemStatus.AVAILABLE) {
                    throw new ApiException(ErrorCode.ITEM_NOT_RENTABLE, "Item " + item.id() + " is " + item.status()
                            + " and cannot leave; set it available first.");
                }
                requireBack(rentals.out(orgId, item.id(), id), item, line.quantity());
                if (lines.size() == 1 && item.serialized()) {
                    condition = item.itemCondition();
                }
            }
            if (request != null && request.condition() != null) {
                condition = request.condition().value();
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            rentals.checkOut(orgId, rental.id(), now, caller.userId(), condition, request == null ? null : request.notes());
            return emit(h, orgId, rentals.find(orgId, id).orElseThrow(), "rental.checked_out");
        });
    }

    /** What another checked-out rental still has of the item must come back before more can leave. */
    private static void requireBack(List<Block> out, Item item, int quantity) {
        int units = out.stream().mapToInt(Block::quantity).sum();
        if (units + quantity <= item.stock()) {
            return;
        }
        String rentalIds = out.stream().map(b -> String.valueOf(b.rentalId())).collect(Collectors.joining(", "));
        throw new ApiException(ErrorCode.ITEM_STILL_OUT, item.serialized()
                ? "Item " + item.id() + " is still out on rental " + rentalIds + "; return it there first."
                : "Item " + item.id() + " has " + units + " of " + item.stock() + " units still out on rentals "
                        + rentalIds + "; " + quantity + " more cannot leave until enough come back.");
    }

    /**
     * Late fees per line: returned later than the item's grace period after the end, every started
     * hour late (counted from the end) costs the item's late rate per unit. The deposit covers the
     * fees first; what is left of it is released. The items stay blocked for their buffer after the
     * return (cleaning, transport), but never past the end of what was booked, buffer included.
     */
    public RentalView.Details giveBack(Caller caller, long id, RentalRequests.Return request) {
        OrgId orgId = caller.orgId();
        return jdbi.inTransaction(h -> {
            RentalDao rentals = h.attach(RentalDao.class);
            Rental rental = lockInStatus(rentals, orgId, id, RentalStatus.CHECKED_OUT, "returned");
            ItemDao items = h.attach(ItemDao.class);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            List<RentalLine> lines = new ArrayList<>(rentals.lines(orgId, List.of(id)));
            lines.sort(Comparator.comparingLong(RentalLine::itemId));
            long fees = 0;
            Duration late = Duration.between(rental.endsAt(), now);
            String condition = request == null || request.condition() == null ? null : request.condition().value();
            for (RentalLine line : lines) {
                Item item = condition != null && line.serialized()
                        ? items.lock(orgId, line.itemId()).orElseThrow()
                        : items.find(orgId, line.itemId()).orElseThrow();
                // cleaning and transport still follow a return, but never past what was booked
                Instant until = min(line.blockedUntil(), now.plus(item.bufferAfter()));
                boolean holds = until.isAfter(line.blockedFrom());
                rentals.holdUntil(orgId, line.id(), holds ? until : line.blockedUntil(), holds);
                if (late.compareTo(Duration.ofMinutes(item.lateFeeGraceMinutes())) > 0 && item.lateFeeHourlyRate() > 0) {
                    long hours = (late.toSeconds() + 3599) / 3600;
                    long amount = Math.multiplyExact(Math.multiplyExact(hours, item.lateFeeHourlyRate()), line.quantity());
                    rentals.insertFee(orgId, new RentalFee(0, orgId, id, "late_fee", item.id(), hours + " h late × "
                            + item.lateFeeHourlyRate() + " × " + line.quantity(), amount, now));
                    fees = Math.addExact(fees, amount);
                }
                if (condition != null && line.serialized()) {
                    catalog.recordCondition(h, orgId, item.id(), condition, now);
                }
            }
            long damage = request == null || request.damageCharge() == null ? 0 : request.damageCharge();
            if (damage > 0) {
                String notes = request.notes() == null || request.notes().isBlank() ? "damage" : request.notes();
                rentals.insertFee(orgId, new RentalFee(0, orgId, id, "damage", null,
                        notes.length() > 1000 ? notes.substring(0, 1000) : notes, damage, now));
                fees = Math.addExact(fees, damage);
            }
            long retained = Math.min(rental.deposit(), fees);
            rentals.markReturned(orgId, id, now, caller.userId(), condition, request == null ? null : request.notes(),
                    fees, retained);
            return emit(h, orgId, rentals.find(orgId, id).orElseThrow(), "rental.returned");
        });
    }

    public RentalView.Details cancel(OrgId orgId, long id, RentalRequests.Cancel request) {
        return end(orgId, id, RentalStatus.CANCELED, request == null ? null : request.reason());
    }

    public RentalView.Details noShow(OrgId orgId, long id) {
        return end(orgId, id, RentalStatus.NO_SHOW, null);
    }

    private RentalView.Details end(OrgId orgId, long id, RentalStatus next, String reason) {
        return jdbi.inTransaction(h -> {
            RentalDao rentals = h.attach(RentalDao.class);
            Rental rental = lockInStatus(rentals, orgId, id, RentalStatus.RESERVED,
                    next == RentalStatus.CANCELED ? "canceled" : "marked a no-show");
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (next == RentalStatus.NO_SHOW && now.isBefore(rental.startsAt())) {
                throw new ApiException(ErrorCode.INVALID_RENTAL_TRANSITION,
                        "A rental is a no-show only once it has started (" + rental.startsAt() + ").");
            }
            rentals.end(orgId, id, next.value(), now, reason);
            rentals.release(orgId, id);
            return emit(h, orgId, rentals.find(orgId, id).orElseThrow(),
                    next == RentalStatus.CANCELED ? "rental.canceled" : "rental.no_show");
        });
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Rental lockInStatus(RentalDao rentals, OrgId orgId, long id, RentalStatus required, String verb) {
        Rental rental = rentals.lock(orgId, id).orElseThrow(() -> ApiException.notFound("rental"));
        if (rental.rentalStatus() != required) {
            throw new ApiException(ErrorCode.INVALID_RENTAL_TRANSITION, "A " + rental.rentalStatus().value().replace('_', ' ')
                    + " rental cannot be " + verb + "; only a " + required.value().replace('_', ' ') + " one can.");
        }
        return rental;
    }

    private RentalView.Details emit(Handle h, OrgId orgId, Rental rental, String type) {
        RentalView.Details details = details(h, orgId, rental);
        publish(h, orgId, type, details);
        return details;
    }

    /** The event for subscribers and the audit row, both in the transaction that made the change. */
    private void publish(Handle h, OrgId orgId, String type, RentalView.Details details) {
        // one round trip for both
        Jdbc.pipeline(h, publishing(h, orgId, type, details));
    }

    /** The event and the audit entry of a change to a rental, for a pipeline. */
    private Jdbc.Statement[] publishing(Handle h, OrgId orgId, String type, RentalView.Details details) {
        return new Jdbc.Statement[] {outbox.event(h, orgId, type, RentalView.of(details)),
            AuditTrail.change(orgId, type).target("rental", details.rental().id()).statement(clock)};
    }

    private static RentalView.Details details(Handle h, OrgId orgId, Rental rental) {
        RentalDao rentals = h.attach(RentalDao.class);
        return new RentalView.Details(rental, rentals.lines(orgId, List.of(rental.id())),
                rentals.fees(orgId, List.of(rental.id())));
    }
}
