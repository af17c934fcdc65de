package io.rentapi.api.rentals;

import io.rentapi.core.db.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@link Block}, for the SQL objects and for plain JDBC alike. */
public final class BlockMapper implements RowMapper<Block> {
    @Override
    public Block map(ResultSet rs, StatementContext ctx) throws SQLException {
        return read(rs);
    }

    static Block read(ResultSet rs) throws SQLException {
        return new Block(rs.getLong("rental_id"), rs.getLong("item_id"), rs.getInt("quantity"),
                Jdbc.instant(rs, "starts_at"), Jdbc.instant(rs, "ends_at"), Jdbc.instant(rs, "blocked_from"),
                Jdbc.instant(rs, "blocked_until"));
    }
}
