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

/**
 * Brands. {@code name_key} is the name as the database lower-cases it, so that the unique key, the
 * look-up by name and the migration of older items all agree on what "the same name" is.
 */
@RegisterConstructorMapper(Brand.class)
public interface BrandDao {
    String COLUMNS = "id, org_id, name, description, website, metadata, created_at, updated_at";

    @SqlUpdate("""
        INSERT INTO brands (org_id, name, name_key, description, website, metadata, created_at, updated_at)
        VALUES (:orgId, :name, lower(:name), :description, :website, :metadata, :now, :now)
        """)
    @GetGeneratedKeys("id")
    long insert(OrgId orgId, String name, String description, String website, String metadata, Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM brands WHERE org_id = :orgId AND id = :id")
    Optional<Brand> find(OrgId orgId, long id);

    /** Held until the transaction ends, so that the brand cannot be deleted under an item being linked to it. */
    @SqlQuery("SELECT " + COLUMNS + " FROM brands WHERE org_id = :orgId AND id = :id FOR UPDATE")
    Optional<Brand> lock(OrgId orgId, long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM brands WHERE org_id = :orgId AND name_key = lower(:name) FOR UPDATE")
    Optional<Brand> lockByName(OrgId orgId, String name);

    /** {@code text} is a LIKE pattern (see {@link TextSearch}) on the name and description, or null. */
    @SqlQuery("SELECT " + COLUMNS + """
         FROM brands
        WHERE org_id = :orgId AND id > :idAbove AND id < :idBelow
          AND (CAST(:text AS varchar) IS NULL OR name_key LIKE :text ESCAPE '!' OR lower(description) LIKE :text ESCAPE '!')
        ORDER BY id <order>
        LIMIT :fetch
        """)
    List<Brand> page(OrgId orgId, String text, long idAbove, long idBelow, @Define String order, int fetch);

    @SqlUpdate("""
        UPDATE brands SET name = :name, name_key = lower(:name), description = :description, website = :website,
               metadata = :metadata, updated_at = :now
         WHERE org_id = :orgId AND id = :id
        """)
    int update(OrgId orgId, long id, String name, String description, String website, String metadata, Instant now);

    @SqlQuery("SELECT COUNT(*) FROM items WHERE org_id = :orgId AND brand_id = :id")
    int itemCount(OrgId orgId, long id);

    @SqlUpdate("DELETE FROM brands WHERE org_id = :orgId AND id = :id")
    int delete(OrgId orgId, long id);
}
