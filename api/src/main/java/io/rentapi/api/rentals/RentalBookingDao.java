package io.rentapi.api.rentals;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * What booking needs of rentals, apart from {@link RentalDao}'s other statements: JDBI builds a
 * handler for every method of an SQL object each time one is attached, so the request that books
 * attaches this small one.
 */
@RegisterConstructorMapper(Block.class)
public interface RentalBookingDao {
    @SqlUpdate("""
        INSERT INTO rentals (org_id, customer_id, status, starts_at, ends_at, currency, subtotal, fees_total, deposit,
                             deposit_retained, notes, created_at, updated_at)
        VALUES (:orgId, :r.customerId, :r.status, :r.startsAt, :r.endsAt, :r.currency, :r.subtotal, :r.feesTotal,
                :r.deposit, :r.depositRetained, :r.notes, :r.createdAt, :r.updatedAt)
        """)
    @GetGeneratedKeys("id")
    long insert(OrgId orgId, @BindMethods("r") Rental rental);

    @SqlUpdate("""
        INSERT INTO rental_lines (org_id, rental_id, item_id, serialized, quantity, starts_at, ends_at, blocked_from,
                                  blocked_until, live, price, deposit)
        VALUES (:orgId, :l.rentalId, :l.itemId, :l.serialized, :l.quantity, :l.startsAt, :l.endsAt, :l.blockedFrom,
                :l.blockedUntil, :l.live, :l.price, :l.deposit)
        """)
    @GetGeneratedKeys("id")
    long insertLine(OrgId orgId, @BindMethods("l") RentalLine line);

    /** Live lines of an item whose buffered period overlaps {@code [from, until)}, earliest first. */
    @SqlQuery("""
        SELECT rental_id, item_id, quantity, starts_at, ends_at, blocked_from, blocked_until
          FROM rental_lines
         WHERE org_id = :orgId AND item_id = :itemId AND live AND blocked_from < :until AND blocked_until > :from
         ORDER BY blocked_from, rental_id
        """)
    List<Block> blocks(OrgId orgId, long itemId, Instant from, Instant until);
}
