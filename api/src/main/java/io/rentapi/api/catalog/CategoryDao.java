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

@RegisterConstructorMapper(Category.class)
public interface CategoryDao {
    String COLUMNS = "id, org_id, parent_id, name, description, created_at, updated_at";

    @SqlUpdate("""
        INSERT INTO categories (org_id, parent_id, name, description, created_at, updated_at)
        VALUES (:orgId, :parentId, :name, :description, :now, :now)
        """)
    @GetGeneratedKeys("id")
    long insert(OrgId orgId, Long parentId, String name, String description, Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM categories WHERE org_id = :orgId AND id = :id")
    Optional<Category> find(OrgId orgId, long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM categories WHERE org_id = :orgId AND id = :id FOR UPDATE")
    Optional<Category> lock(OrgId orgId, long id);

    @SqlQuery("SELECT " + COLUMNS + """
         FROM categories
        WHERE org_id = :orgId AND id > :idAbove AND id < :idBelow
          AND (CAST(:parentId AS bigint) IS NULL OR parent_id = :parentId)
        ORDER BY id <order>
        LIMIT :fetch
        """)
    List<Category> page(OrgId orgId, Long parentId, long idAbove, long idBelow, @Define String order, int fetch);

    @SqlUpdate("""
        UPDATE categories SET parent_id = :parentId, name = :name, description = :description, updated_at = :now
         WHERE org_id = :orgId AND id = :id
        """)
    int update(OrgId orgId, long id, Long parentId, String name, String description, Instant now);
}
