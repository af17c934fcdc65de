package io.rentapi.core.db;

import io.rentapi.core.tenancy.OrgId;
import java.sql.Types;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.spi.JdbiPlugin;

/** Binds {@link OrgId} as a bigint and maps {@code org_id} columns back to it. */
public final class OrgIdPlugin implements JdbiPlugin {
    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<OrgId>(Types.BIGINT) {
            @Override
            protected Argument build(OrgId value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setLong(position, value.value());
            }
        });
        jdbi.registerColumnMapper(OrgId.class, (rs, column, ctx) -> {
            long value = rs.getLong(column);
            return rs.wasNull() ? null : new OrgId(value);
        });
    }
}
