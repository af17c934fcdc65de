package io.rentapi.api.catalog;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Location.class)
public interface LocationDao {
    String COLUMNS = "id, org_id, name, address, created_at, updated_at";

    @SqlUpdate("""
        INSERT INTO locations (org_id, name, address, created_at, updated_at)
        VALUES (:orgId, :name, :address, :now, :now)
        """)
    @GetGeneratedKeys("id")
    long insert(OrgId orgId, String name, String address, Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM locations WHERE org_id = :orgId AND id = :id")
    Optional<Location> find(OrgId orgId, long id);

    @SqlQuery("SELECT " + COLUMNS + """
         FROM locations
        WHERE org_id = :orgId AND id > :idAbove AND id < :idBelow
        ORDER BY id <order>
        LIMIT :fetch
        """)
    List<Location> page(OrgId orgId, long idAbove, long idBelow, @Define String order, int fetch);

    @SqlUpdate("UPDATE locations SET name = :name, address = :address, updated_at = :now WHERE org_id = :orgId AND id = :id")
    int update(OrgId orgId, long id, String name, String address, Instant now);
}
