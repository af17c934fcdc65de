package io.rentapi.core.outbox;

import io.rentapi.core.tenancy.OrgId;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

@RegisterConstructorMapper(Event.class)
public interface EventDao {
    /** Written through {@link io.rentapi.core.db.Jdbc} by {@link Outbox}: it runs on every change. */
    String INSERT = "INSERT INTO events (org_id, type, payload, created_at) VALUES (?, ?, ?, ?)";

    @SqlQuery("""
        SELECT id, org_id, type, payload, created_at
          FROM events
         WHERE org_id = :orgId AND id = :id
        """)
    Optional<Event> find(OrgId orgId, long id);

    @SqlQuery("""
        SELECT id, org_id, type, payload, created_at
          FROM events
         WHERE org_id = :orgId AND id < :before AND id > :after
         ORDER BY id <order>
         LIMIT :limit
        """)
    List<Event> page(OrgId orgId, long after, long before,
                     @org.jdbi.v3.sqlobject.customizer.Define String order, int limit);
}
