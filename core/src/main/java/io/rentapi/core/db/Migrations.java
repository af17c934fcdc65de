package io.rentapi.core.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Applies the master changelog, which includes every module's own changelog. Liquibase's lock
 * table serializes concurrent starts, so several instances may migrate on start at once.
 */
public final class Migrations {
    /** The master changelog; each module adds its file to it. */
    public static final String MASTER_CHANGELOG = "db/changelog/master.xml";

    private Migrations() {
    }

    /** The database could not be brought to the current schema; the message says why. */
    public static final class MigrationException extends RuntimeException {
        MigrationException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Migrates over a connection of its own, never a pooled one: Liquibase leaves auto-commit off,
     * and a pooled connection in that state would make every later transaction on it look nested.
     */
    public static void migrate(String jdbcUrl, String user, String password) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Map<String, Object> scope = Map.of(
                    Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()),
                    // Liquibase would otherwise report usage to its vendor from every start
                    "liquibase.analytics.enabled", false);
            Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, MASTER_CHANGELOG)
                            .execute());
        } catch (SQLException e) {
            throw new MigrationException("cannot connect to the database to migrate it: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new MigrationException("database migration failed: " + e.getMessage(), e);
        }
    }
}
