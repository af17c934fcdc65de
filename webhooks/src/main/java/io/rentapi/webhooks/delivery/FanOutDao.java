package io.rentapi.webhooks.delivery;

import io.rentapi.core.tenancy.CrossTenant;
import io.rentapi.core.tenancy.OrgId;
import io.rentapi.webhooks.endpoints.WebhookEndpoint;
import io.rentapi.webhooks.endpoints.WebhookEndpointDao;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(FanOutDao.NewEvent.class)
@RegisterConstructorMapper(WebhookEndpoint.class)
public interface FanOutDao {
    record NewEvent(long id, OrgId orgId, String type) {
    }

    record NewDelivery(OrgId orgId, long endpointId, long eventId, String eventType, Instant now) {
    }

    record Marker(OrgId orgId, long eventId, Instant now) {
    }

    @SqlQuery("SELECT event_id FROM webhook_fanout_watermark WHERE id = 1")
    long watermark();

    /**
     * Events not yet fanned out, locked: a second worker skips them, and the marker written in the
     * same transaction keeps them from being taken again once the lock is gone. A worker whose
     * snapshot predates that marker can still take an event just released; the unique keys on
     * markers and deliveries turn its inserts into no-ops.
     */
    @CrossTenant("the outbox is fanned out for every organization by whichever worker claims it")
    @SqlQuery("""
        SELECT e.id, e.org_id, e.type
          FROM events e
         WHERE e.id > :after
           AND NOT EXISTS (SELECT 1 FROM webhook_fanouts f WHERE f.org_id = e.org_id AND f.event_id = e.id)
         ORDER BY e.id
         LIMIT :limit
         FOR UPDATE SKIP LOCKED
        """)
    List<NewEvent> claim(long after, int limit);

    @CrossTenant("the endpoints of the organizations in one batch of events")
    @SqlQuery("SELECT " + WebhookEndpointDao.COLUMNS
            + " FROM webhook_endpoints WHERE org_id IN (<orgIds>) AND enabled AND deleted_at IS NULL")
    List<WebhookEndpoint> enabledEndpoints(@BindList("orgIds") Collection<Long> orgIds);

    @CrossTenant("one batch of events spans organizations; each row carries its own")
    @SqlBatch("""
        INSERT INTO webhook_deliveries (org_id, endpoint_id, event_id, event_type, status, attempts, next_attempt_at, created_at)
        VALUES (:orgId, :endpointId, :eventId, :eventType, 'pending', 0, :now, :now)
        ON CONFLICT DO NOTHING
        """)
    void insertDeliveries(@BindMethods Collection<NewDelivery> deliveries);

    @CrossTenant("one batch of events spans organizations; each row carries its own")
    @SqlBatch("INSERT INTO webhook_fanouts (org_id, event_id, fanned_out_at) VALUES (:orgId, :eventId, :now) ON CONFLICT DO NOTHING")
    void mark(@BindMethods Collection<Marker> markers);

    @CrossTenant("the watermark is one figure for the whole outbox")
    @SqlQuery("SELECT MAX(event_id) FROM webhook_fanouts WHERE event_id > :after AND fanned_out_at < :before")
    Long settledUpTo(long after, Instant before);

    @SqlUpdate("UPDATE webhook_fanout_watermark SET event_id = :eventId WHERE id = 1 AND event_id < :eventId")
    int advance(long eventId);
}
