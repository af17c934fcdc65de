package io.rentapi.api.analytics;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Reports computed by the database. Rentals that happened or will happen count (reserved, checked
 * out, returned); canceled ones and no-shows do not. Retired items are left out.
 */
@RegisterConstructorMapper(ItemUsage.class)
@RegisterConstructorMapper(RevenueRow.class)
public interface AnalyticsDao {
    String USAGE = """
        SELECT i.id AS item_id, i.name, i.sku, i.tracking,
               CASE WHEN i.tracking = 'bulk' THEN i.stock ELSE 1 END AS units,
               COALESCE(SUM(b.quantity * (LEAST(b.end_s, :toEpoch) - GREATEST(b.start_s, :fromEpoch))), 0) AS booked_seconds
          FROM items i
          LEFT JOIN (SELECT l.item_id, l.quantity, EXTRACT(EPOCH FROM l.starts_at) AS start_s,
                            EXTRACT(EPOCH FROM l.ends_at) AS end_s
                       FROM rental_lines l JOIN rentals r ON r.org_id = l.org_id AND r.id = l.rental_id
                      WHERE l.org_id = :orgId AND r.status IN ('reserved', 'checked_out', 'returned')
                        AND l.starts_at < :to AND l.ends_at > :from) b ON b.item_id = i.id
         WHERE i.org_id = :orgId AND i.status <> 'retired'
         GROUP BY i.id, i.name, i.sku, i.tracking, i.stock
        """;

    @SqlQuery("SELECT * FROM (" + USAGE + """
        ) u
         WHERE item_id > :idAbove AND item_id < :idBelow
         ORDER BY item_id <order>
         LIMIT :fetch
        """)
    List<ItemUsage> usage(OrgId orgId, Instant from, Instant to, long fromEpoch, long toEpoch, long idAbove,
                          long idBelow, @Define String order, int fetch);

    /** Items booked less than {@code below} of the time they could have been. */
    @SqlQuery("SELECT * FROM (" + USAGE + """
        ) u
         WHERE booked_seconds < :below * units * (:toEpoch - :fromEpoch)
           AND item_id > :idAbove AND item_id < :idBelow
         ORDER BY item_id <order>
         LIMIT :fetch
        """)
    List<ItemUsage> underused(OrgId orgId, Instant from, Instant to, long fromEpoch, long toEpoch, double below,
                              long idAbove, long idBelow, @Define String order, int fetch);

    @SqlQuery("SELECT COALESCE(SUM(CASE WHEN tracking = 'bulk' THEN stock ELSE 1 END), 0) FROM items "
            + "WHERE org_id = :orgId AND status <> 'retired'")
    long units(OrgId orgId);

    @SqlQuery("""
        SELECT COALESCE(SUM(l.quantity * (LEAST(EXTRACT(EPOCH FROM l.ends_at), :toEpoch)
                                          - GREATEST(EXTRACT(EPOCH FROM l.starts_at), :fromEpoch))), 0)
          FROM rental_lines l
          JOIN rentals r ON r.org_id = l.org_id AND r.id = l.rental_id
          JOIN items i ON i.org_id = l.org_id AND i.id = l.item_id
         WHERE l.org_id = :orgId AND r.status IN ('reserved', 'checked_out', 'returned') AND i.status <> 'retired'
           AND l.starts_at < :to AND l.ends_at > :from
        """)
    double bookedSeconds(OrgId orgId, Instant from, Instant to, long fromEpoch, long toEpoch);

    /** {@code bucket} is one of {@link AnalyticsService}'s fixed expressions, never caller input. */
    @SqlQuery("""
        SELECT <bucket> AS bucket, currency, COUNT(*) AS rentals, SUM(subtotal) AS rental_revenue, SUM(fees_total) AS fees
          FROM rentals
         WHERE org_id = :orgId AND status IN ('reserved', 'checked_out', 'returned')
           AND starts_at >= :from AND starts_at < :to
         GROUP BY <bucket>, currency
         ORDER BY 1, currency
        """)
    List<RevenueRow> revenue(OrgId orgId, @Define String bucket, Instant from, Instant to);
}
