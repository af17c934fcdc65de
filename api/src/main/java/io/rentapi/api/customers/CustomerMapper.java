package io.rentapi.api.customers;

import io.rentapi.core.db.Jdbc;
import io.rentapi.core.tenancy.OrgId;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@link Customer} from {@link CustomerDao#COLUMNS}, for the SQL objects and for plain JDBC alike. */
public final class CustomerMapper implements RowMapper<Customer> {
    @Override
    public Customer map(ResultSet rs, StatementContext ctx) throws SQLException {
        return read(rs);
    }

    public static Customer read(ResultSet rs) throws SQLException {
        return new Customer(rs.getLong("id"), OrgId.of(rs.getLong("org_id")), rs.getString("customer_type"),
                rs.getString("name"), rs.getString("email"), rs.getString("phone"), rs.getString("addresses"),
                rs.getString("notes"), rs.getBoolean("blocked"), rs.getString("blocked_reason"), rs.getString("metadata"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }
}
