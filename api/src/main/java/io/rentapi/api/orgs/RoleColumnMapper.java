package io.rentapi.api.orgs;

import io.rentapi.api.auth.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.StatementContext;

public final class RoleColumnMapper implements ColumnMapper<Role> {
    @Override
    public Role map(ResultSet rs, int column, StatementContext ctx) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : Role.parse(value);
    }
}
