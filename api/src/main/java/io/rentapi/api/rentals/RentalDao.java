package io.rentapi.api.rentals;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Rental.class)
@RegisterConstructorMapper(RentalLine.class)
@RegisterConstructorMapper(RentalFee.class)
@RegisterRowMapper(BlockMapper.class)
public interface RentalDao {
    String COLUMNS = """
        id, org_id, customer_id, status, starts_at, ends_at, currency, subtotal, fees_total, deposit, deposit_retained,
        notes, checked_out_at, checked_out_by, check_out_condition, check_out_notes, returned_at, returned_by,
        return_condition, return_notes, canceled_at, cancel_reason, created_at, updated_at
        """;
    String LINE_COLUMNS = """
        id, org_id, rental_id, item_id, serialized, quantity, starts_at, ends_at, blocked_from, blocked_until, live,
        price, deposit
        """;

    @SqlUpdate("""
        INSERT INTO rental_fees (org_id, rental_id, kind, item_id, description, amount, created_at)
        VALUES (:orgId, :f.rentalId, :f.kind, :f.itemId, :f.description, :f.amount, :f.createdAt)
        """)
    @GetGeneratedKeys("id")
    long insertFee(OrgId orgId, @BindMethods("f") RentalFee fee);

    @SqlQuery("SELECT " + COLUMNS + " FROM rentals WHERE org_id = :orgId AND id = :id")
    Optional<Rental> find(OrgId orgId, long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM rentals WHERE org_id = :orgId AND id = :id FOR UPDATE")
    Optional<Rental> lock(OrgId orgId, long id);

    @SqlQuery("SELECT " + LINE_COLUMNS + " FROM rental_lines WHERE org_id = :orgId AND rental_id IN (<rentalIds>) ORDER BY id")
    List<RentalLine> lines(OrgId orgId, @BindList("rentalIds") Collection<Long> rentalIds);

    @SqlQuery("""
        SELECT id, org_id, rental_id, kind, item_id, description, amount, created_at
          FROM rental_fees WHERE org_id = :orgId AND rental_id IN (<rentalIds>) ORDER BY id
        """)
    List<RentalFee> fees(OrgId orgId, @BindList("rentalIds") Collection<Long> rentalIds);

    @SqlQuery("SELECT " + COLUMNS + """
         FROM rentals r
        WHERE org_id = :orgId AND id > :idAbove AND id < :idBelow
          AND (CAST(:status AS varchar) IS NULL OR status = :status)
          AND (CAST(:customerId AS bigint) IS NULL OR customer_id = :customerId)
          AND (CAST(:itemId AS bigint) IS NULL OR EXISTS (
                SELECT 1 FROM rental_lines l WHERE l.org_id = r.org_id AND l.rental_id = r.id AND l.item_id = :itemId))
        ORDER BY id <order>
        LIMIT :fetch
        """)
    List<Rental> page(OrgId orgId, String status, Long customerId, Long itemId, long idAbove, long idBelow,
                      @Define String order, int fetch);

    @SqlUpdate("""
        UPDATE rentals SET status = 'checked_out', checked_out_at = :at, checked_out_by = :by,
               check_out_condition = :condition, check_out_notes = :notes, updated_at = :at
         WHERE org_id = :orgId AND id = :id AND status = 'reserved'
        """)
    int checkOut(OrgId orgId, long id, Instant at, long by, String condition, String notes);

    @SqlUpdate("""
        UPDATE rentals SET status = 'returned', returned_at = :at, returned_by = :by, return_condition = :condition,
               return_notes = :notes, fees_total = :feesTotal, deposit_retained = :depositRetained, updated_at = :at
         WHERE org_id = :orgId AND id = :id AND status = 'checked_out'
        """)
    int markReturned(OrgId orgId, long id, Instant at, long by, String condition, String notes, long feesTotal,
                     long depositRetained);

    @SqlUpdate("""
        UPDATE rentals SET status = :status, canceled_at = :at, cancel_reason = :reason, updated_at = :at
         WHERE org_id = :orgId AND id = :id AND status = 'reserved'
        """)
    int end(OrgId orgId, long id, String status, Instant at, String reason);

    /**
     * A returned line keeps its item only for what is left of the buffer after it; {@code blockedUntil}
     * is never later than before, so no new overlap can arise. A line with nothing left stops holding.
     */
    @SqlUpdate("UPDATE rental_lines SET blocked_until = :blockedUntil, live = :live WHERE org_id = :orgId AND id = :id")
    int holdUntil(OrgId orgId, long id, Instant blockedUntil, boolean live);

    /** The rental no longer holds its items. */
    @SqlUpdate("UPDATE rental_lines SET live = FALSE WHERE org_id = :orgId AND rental_id = :rentalId")
    int release(OrgId orgId, long rentalId);

    /**
     * Live lines of an item on checked-out rentals other than {@code rentalId}: units that are out now.
     * Driven by the item's lines, as {@link BookingSql#blocks} is, not by the organization's rentals.
     */
    @SqlQuery("""
        SELECT l.rental_id, l.item_id, l.quantity, l.starts_at, l.ends_at, l.blocked_from, l.blocked_until
          FROM rental_lines l
         WHERE l.org_id = :orgId AND l.item_id = :itemId AND l.live AND l.rental_id <> :rentalId
           AND EXISTS (SELECT 1 FROM rentals r WHERE r.org_id = l.org_id AND r.id = l.rental_id AND r.status = 'checked_out')
         ORDER BY l.rental_id
        """)
    List<Block> out(OrgId orgId, long itemId, long rentalId);
}
