package io.rentapi.api.catalog;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Items. {@code sku_key} is the SKU as the database lower-cases it, kept by the statements that write
 * {@code sku}, so that SKUs are unique per organization whatever their case (H2 has no expression indexes).
 */
@RegisterRowMapper(ItemMapper.class)
public interface ItemDao {
    String COLUMNS = """
        id, org_id, name, sku, description, category_id, brand_id, location_id, tracking, stock, item_condition, status,
        metadata, currency, hourly_rate, daily_rate, weekly_rate, deposit, late_fee_grace_minutes, late_fee_hourly_rate,
        buffer_before_minutes, buffer_after_minutes, created_at, updated_at,
        (SELECT b.name FROM brands b WHERE b.org_id = items.org_id AND b.id = items.brand_id) AS brand
        """;

    /** Run through {@link io.rentapi.core.db.Jdbc} by the booking transaction, and by {@link #lock}. */
    String LOCK = "SELECT " + COLUMNS + " FROM items WHERE org_id = ? AND id = ? FOR UPDATE";

    /** Serializes everything that books or changes one item. */
    @SqlQuery(LOCK)
    Optional<Item> lock(OrgId orgId, long id);

    @SqlUpdate("""
        INSERT INTO items (org_id, name, sku, sku_key, description, category_id, brand_id, location_id, tracking, stock,
                           item_condition, status, metadata, currency, hourly_rate, daily_rate, weekly_rate, deposit,
                           late_fee_grace_minutes, late_fee_hourly_rate, buffer_before_minutes, buffer_after_minutes,
                           created_at, updated_at)
        VALUES (:orgId, :i.name, :i.sku, lower(:i.sku), :i.description, :i.categoryId, :i.brandId, :i.locationId,
                :i.tracking, :i.stock, :i.itemCondition, :i.status, :i.metadata, :i.currency, :i.hourlyRate,
                :i.dailyRate, :i.weeklyRate, :i.deposit, :i.lateFeeGraceMinutes, :i.lateFeeHourlyRate,
                :i.bufferBeforeMinutes, :i.bufferAfterMinutes, :i.createdAt, :i.updatedAt)
        """)
    @GetGeneratedKeys("id")
    long insert(OrgId orgId, @BindMethods("i") Item item);

    @SqlUpdate("""
        UPDATE items SET name = :i.name, sku = :i.sku, sku_key = lower(:i.sku), description = :i.description,
               category_id = :i.categoryId, brand_id = :i.brandId, location_id = :i.locationId, stock = :i.stock,
               item_condition = :i.itemCondition, status = :i.status, metadata = :i.metadata, currency = :i.currency,
               hourly_rate = :i.hourlyRate, daily_rate = :i.dailyRate, weekly_rate = :i.weeklyRate, deposit = :i.deposit,
               late_fee_grace_minutes = :i.lateFeeGraceMinutes, late_fee_hourly_rate = :i.lateFeeHourlyRate,
               buffer_before_minutes = :i.bufferBeforeMinutes, buffer_after_minutes = :i.bufferAfterMinutes,
               updated_at = :i.updatedAt
         WHERE org_id = :orgId AND id = :i.id
        """)
    int update(OrgId orgId, @BindMethods("i") Item item);

    @SqlUpdate("UPDATE items SET item_condition = :condition, updated_at = :now WHERE org_id = :orgId AND id = :id")
    int setCondition(OrgId orgId, long id, String condition, Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM items WHERE org_id = :orgId AND id = :id")
    Optional<Item> find(OrgId orgId, long id);

    /**
     * A page of items matching the filters; a null filter matches all. {@code categoryIds} holds the
     * category and its descendants, and is only read when {@code anyCategory} is false.
     */
    @SqlQuery("SELECT " + COLUMNS + """
         FROM items
        WHERE org_id = :orgId AND id > :idAbove AND id < :idBelow
          AND (:anyCategory OR category_id IN (<categoryIds>))
          AND (CAST(:locationId AS bigint) IS NULL OR location_id = :locationId)
          AND (CAST(:status AS varchar) IS NULL OR status = :status)
          AND (CAST(:tracking AS varchar) IS NULL OR tracking = :tracking)
          AND (CAST(:brand AS varchar) IS NULL
               OR brand_id IN (SELECT id FROM brands WHERE org_id = :orgId AND name_key = lower(:brand)))
          AND (CAST(:brandId AS bigint) IS NULL OR brand_id = :brandId)
          AND (CAST(:text AS varchar) IS NULL OR lower(name) LIKE :text ESCAPE '!' OR lower(sku) LIKE :text ESCAPE '!'
               OR lower(description) LIKE :text ESCAPE '!'
               OR brand_id IN (SELECT id FROM brands WHERE org_id = :orgId AND name_key LIKE :text ESCAPE '!'))
        ORDER BY id <order>
        LIMIT :fetch
        """)
    List<Item> page(OrgId orgId, boolean anyCategory, @BindList("categoryIds") List<Long> categoryIds, Long locationId,
                    String status, String tracking, String brand, Long brandId, String text, long idAbove, long idBelow,
                    @Define String order, int fetch);

    @SqlQuery("""
        WITH RECURSIVE tree (id, depth) AS (
            SELECT id, 0 FROM categories WHERE org_id = :orgId AND id = :categoryId
            UNION ALL
            SELECT c.id, t.depth + 1 FROM categories c JOIN tree t ON c.parent_id = t.id
             WHERE c.org_id = :orgId AND t.depth < 50
        )
        SELECT id FROM tree
        """)
    List<Long> categoryAndDescendants(OrgId orgId, long categoryId);

    /** Rentals, reserved or checked out, with a line holding the item. */
    @SqlQuery("""
        SELECT COUNT(DISTINCT r.id)
          FROM rental_lines l JOIN rentals r ON r.org_id = l.org_id AND r.id = l.rental_id
         WHERE l.org_id = :orgId AND l.item_id = :itemId AND l.live AND r.status IN ('reserved', 'checked_out')
        """)
    int liveRentalCount(OrgId orgId, long itemId);

    /**
     * The most units of a bulk item that live rentals hold at once, from {@code from} on. The peak
     * is always at some line's start, so it is enough to sum the lines covering each start.
     */
    @SqlQuery("""
        SELECT COALESCE(MAX(held), 0) FROM (
            SELECT a.id, SUM(b.quantity) AS held
              FROM rental_lines a JOIN rental_lines b
                ON b.org_id = a.org_id AND b.item_id = a.item_id AND b.live
               AND b.blocked_from <= GREATEST(a.blocked_from, :from) AND b.blocked_until > GREATEST(a.blocked_from, :from)
             WHERE a.org_id = :orgId AND a.item_id = :itemId AND a.live AND a.blocked_until > :from
             GROUP BY a.id
        ) peaks
        """)
    int peakHeld(OrgId orgId, long itemId, Instant from);
}
