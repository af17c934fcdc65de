package io.rentapi.api.catalog;

import io.rentapi.core.db.Jdbc;
import io.rentapi.core.tenancy.OrgId;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Reads an {@link Item} from {@link ItemDao#COLUMNS}, for the SQL objects and for plain JDBC alike:
 * written out, because a constructor mapper matches the columns to the record again for every query.
 */
public final class ItemMapper implements RowMapper<Item> {
    @Override
    public Item map(ResultSet rs, StatementContext ctx) throws SQLException {
        return read(rs);
    }

    public static Item read(ResultSet rs) throws SQLException {
        return new Item(rs.getLong("id"), OrgId.of(rs.getLong("org_id")), rs.getString("name"), rs.getString("sku"),
                rs.getString("description"), Jdbc.nullableLong(rs, "category_id"), rs.getString("brand"),
                Jdbc.nullableLong(rs, "brand_id"), Jdbc.nullableLong(rs, "location_id"), rs.getString("tracking"),
                rs.getInt("stock"), rs.getString("item_condition"), rs.getString("status"), rs.getString("metadata"),
                rs.getString("currency"), Jdbc.nullableLong(rs, "hourly_rate"), Jdbc.nullableLong(rs, "daily_rate"),
                Jdbc.nullableLong(rs, "weekly_rate"), rs.getLong("deposit"), rs.getInt("late_fee_grace_minutes"),
                rs.getLong("late_fee_hourly_rate"), rs.getInt("buffer_before_minutes"), rs.getInt("buffer_after_minutes"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }
}
