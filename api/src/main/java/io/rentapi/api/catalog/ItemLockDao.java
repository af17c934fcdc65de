package io.rentapi.api.catalog;

import io.rentapi.core.tenancy.OrgId;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The item lock on its own, for the request that books: JDBI builds a handler for every method of
 * an SQL object each time one is attached. {@link ItemDao} has it too.
 */
@RegisterConstructorMapper(Item.class)
public interface ItemLockDao {
    /** Serializes everything that books or changes one item. */
    @SqlQuery("SELECT " + ItemDao.COLUMNS + " FROM items WHERE org_id = :orgId AND id = :id FOR UPDATE")
    Optional<Item> lock(OrgId orgId, long id);
}
