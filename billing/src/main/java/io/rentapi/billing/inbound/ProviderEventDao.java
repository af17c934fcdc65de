package io.rentapi.billing.inbound;

import java.time.Instant;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Provider events already processed, by the provider's own event id. */
public interface ProviderEventDao {
    @SqlQuery("SELECT COUNT(*) > 0 FROM provider_events WHERE provider = :provider AND event_id = :eventId")
    boolean seen(String provider, String eventId);

    /** 1 when this call claimed the event id; 0 when it was claimed before (or, once committed, concurrently). */
    @SqlUpdate("""
        INSERT INTO provider_events (provider, event_id, type, payload, received_at)
        VALUES (:provider, :eventId, :type, :payload, :now)
        ON CONFLICT DO NOTHING
        """)
    int claim(String provider, String eventId, String type, String payload, Instant now);
}
