package io.rentapi.webhooks.events;

import io.rentapi.core.outbox.Event;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The organization's events, as subscribers browse them. */
@RegisterConstructorMapper(Event.class)
public interface EventLogDao {
    /** {@code anyType} true ignores {@code type}; a type ending in {@code .*} is matched as a prefix by the caller. */
    @SqlQuery("""
        SELECT id, org_id, type, payload, created_at
          FROM events
         WHERE org_id = :orgId AND (:anyType OR type = :type OR type LIKE :typePrefix)
           AND created_at >= :from AND created_at < :to
           AND id > :idAbove AND id < :idBelow
         ORDER BY id <order>
         LIMIT :fetch
        """)
    List<Event> page(OrgId orgId, boolean anyType, String type, String typePrefix, Instant from, Instant to,
                     long idAbove, long idBelow, @Define String order, int fetch);
}
