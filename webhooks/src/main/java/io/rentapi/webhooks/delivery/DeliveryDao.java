package io.rentapi.webhooks.delivery;

import io.rentapi.core.outbox.Event;
import io.rentapi.core.tenancy.CrossTenant;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Delivery.class)
@RegisterConstructorMapper(Attempt.class)
@RegisterConstructorMapper(Event.class)
public interface DeliveryDao {
    String COLUMNS = """
        id, org_id, endpoint_id, event_id, event_type, status, attempts, next_attempt_at, last_attempt_at,
        last_status_code, last_error, delivered_at, created_at
        """;

    @SqlQuery("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE org_id = :orgId AND id = :id")
    Optional<Delivery> find(OrgId orgId, long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE org_id = :orgId AND id = :id FOR UPDATE")
    Optional<Delivery> lock(OrgId orgId, long id);

    /**
     * {@code anyType} true ignores {@code type}; a type ending in {@code .*} is matched as a prefix by
     * the caller; the statuses are from a fixed list.
     */
    @SqlQuery("SELECT " + COLUMNS + """
         FROM webhook_deliveries
        WHERE org_id = :orgId AND endpoint_id = :endpointId AND status IN (<statuses>)
          AND (:anyType OR event_type = :type OR event_type LIKE :typePrefix)
          AND created_at >= :from AND created_at < :to
          AND id > :idAbove AND id < :idBelow
        ORDER BY id <order>
        LIMIT :fetch
        """)
    List<Delivery> page(OrgId orgId, long endpointId, @BindList("statuses") List<String> statuses, boolean anyType,
                        String type, String typePrefix, Instant from, Instant to, long idAbove, long idBelow,
                        @Define String order, int fetch);

    @SqlQuery("""
        SELECT id, org_id, delivery_id, endpoint_id, attempted_at, status_code, latency_ms, error, response_body
          FROM webhook_attempts
         WHERE org_id = :orgId AND delivery_id IN (<deliveryIds>)
         ORDER BY id
        """)
    List<Attempt> attempts(OrgId orgId, @BindList("deliveryIds") Collection<Long> deliveryIds);

    @SqlUpdate("""
        INSERT INTO webhook_deliveries (org_id, endpoint_id, event_id, event_type, status, attempts, next_attempt_at, created_at)
        VALUES (:orgId, :endpointId, :eventId, :eventType, 'pending', 0, :now, :now)
        """)
    @GetGeneratedKeys("id")
    long insert(OrgId orgId, long endpointId, long eventId, String eventType, Instant now);

    /** A new round of attempts; a delivery still pending is not touched (a worker may hold it). */
    @SqlUpdate("""
        UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = :now
         WHERE org_id = :orgId AND id = :id AND status <> 'pending'
        """)
    int resend(OrgId orgId, long id, Instant now);

    /**
     * Failed since the given time, however long before it they were created: a failed delivery's
     * {@code next_attempt_at} is when it failed (its last attempt, or when its endpoint was found off).
     */
    @SqlUpdate("""
        UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = :now
         WHERE org_id = :orgId AND endpoint_id = :endpointId AND status = 'failed' AND next_attempt_at >= :since
        """)
    int recover(OrgId orgId, long endpointId, Instant since, Instant now);

    // ---- the engine's statements, across organizations ----

    @CrossTenant("workers claim due deliveries of every organization")
    @SqlQuery("SELECT " + COLUMNS + """
         FROM webhook_deliveries
        WHERE status = 'pending' AND next_attempt_at <= :now AND endpoint_id NOT IN (<skipEndpoints>)
        ORDER BY next_attempt_at
        LIMIT :limit
        FOR UPDATE SKIP LOCKED
        """)
    List<Delivery> due(Instant now, @BindList("skipEndpoints") Collection<Long> skipEndpoints, int limit);

    /** Ids are unique across organizations; the org list only lets the primary key serve the lookup. */
    @CrossTenant("a claim leases the rows just locked, whatever their organization")
    @SqlUpdate("""
        UPDATE webhook_deliveries SET next_attempt_at = :until
         WHERE org_id IN (<orgIds>) AND id IN (<ids>) AND status = 'pending'
        """)
    int lease(@BindList("orgIds") Collection<Long> orgIds, @BindList("ids") Collection<Long> ids, Instant until);

    @CrossTenant("the engine reads the payloads of the deliveries it claimed")
    @SqlQuery("SELECT id, org_id, type, payload, created_at FROM events WHERE id IN (<ids>)")
    List<Event> events(@BindList("ids") Collection<Long> ids);

    @CrossTenant("outcomes of one batch span organizations; each row carries its own")
    @SqlBatch("""
        UPDATE webhook_deliveries
           SET status = :status, attempts = :attempts, next_attempt_at = :nextAttemptAt,
               last_attempt_at = COALESCE(:attemptedAt, last_attempt_at),
               last_status_code = CASE WHEN :attempted THEN :statusCode ELSE last_status_code END,
               last_error = :error, delivered_at = :deliveredAt
         WHERE org_id = :orgId AND id = :id
        """)
    void record(@BindMethods Collection<DeliveryUpdate> rows);

    record DeliveryUpdate(OrgId orgId, long id, String status, int attempts, Instant nextAttemptAt, boolean attempted,
                          Instant attemptedAt, Integer statusCode, String error, Instant deliveredAt) {
    }

    @CrossTenant("outcomes of one batch span organizations; each row carries its own")
    @SqlBatch("""
        INSERT INTO webhook_attempts (org_id, delivery_id, endpoint_id, attempted_at, status_code, latency_ms, error,
                                      response_body)
        VALUES (:orgId, :deliveryId, :endpointId, :attemptedAt, :statusCode, :latencyMs, :error, :responseBody)
        """)
    void log(@BindMethods Collection<Attempt> attempts);

    @CrossTenant("queue depth is a figure for the whole worker fleet")
    @SqlQuery("SELECT count(*) FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= :now")
    long dueCount(Instant now);
}
