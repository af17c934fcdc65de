package io.rentapi.api.catalog;

import io.rentapi.core.tenancy.OrgId;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The item lock; {@link ItemDao} has it, and the booking transaction runs {@link #LOCK} through plain JDBC. */
@RegisterRowMapper(ItemMapper.class)
public interface ItemLockDao {
    String LOCK = "SELECT " + ItemDao.COLUMNS + " FROM items WHERE org_id = ? AND id = ? FOR UPDATE";

    /** Serializes everything that books or changes one item. */
    @SqlQuery(LOCK)
    Optional<Item> lock(OrgId orgId, long id);
}
