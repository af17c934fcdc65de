package io.rentapi.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.rentapi.core.db.Migrations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.jdbi.v3.core.Jdbi;

/** A database migrated up to (not including) one changeset, to test how that changeset treats older data. */
public final class PartialMigration {
    private PartialMigration() {
    }

    /** A fresh database of the test server, where the changesets before one are applied and the rest are not yet. */
    public record Migrated(String url, Jdbi jdbi) {
        public long organization(String name) {
            return jdbi.withHandle(h -> h.createUpdate(
                    "INSERT INTO organizations (name, created_at, updated_at) VALUES (:name, :now, :now)")
                    .bind("name", name).bind("now", Instant.now()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        }

        public void migrateTheRest() {
            Migrations.migrate(url, TestDatabase.USER, TestDatabase.PASSWORD);
        }
    }

    public static Migrated freshUpTo(String changesetId) throws Exception {
        String url = TestDatabase.freshDatabase();
        migrateUpTo(url, changesetId);
        return new Migrated(url, TestDatabase.newJdbi(url));
    }

    /** Applies every changeset of the master changelog that comes before {@code changesetId}. */
    private static void migrateUpTo(String url, String changesetId) throws Exception {
        int changesets = changesetsBefore(changesetId);
        try (Connection connection = DriverManager.getConnection(url, TestDatabase.USER, TestDatabase.PASSWORD)) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Map<String, Object> scope = Map.of(
                    Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()),
                    "liquibase.analytics.enabled", false);
            Scope.child(scope, () -> new CommandScope(UpdateCountCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCountCommandStep.CHANGELOG_FILE_ARG, Migrations.MASTER_CHANGELOG)
                    .addArgumentValue(UpdateCountCommandStep.COUNT_ARG, changesets)
                    .execute());
        }
    }

    /** How many changesets the master changelog applies before {@code id}, reading its includes in order. */
    private static int changesetsBefore(String id) throws IOException {
        Pattern include = Pattern.compile("<include file=\"([^\"]+)\"");
        Pattern changeset = Pattern.compile("(?m)^--changeset\\s+(\\S+)");
        int count = 0;
        Matcher files = include.matcher(resource(Migrations.MASTER_CHANGELOG));
        while (files.find()) {
            Matcher sets = changeset.matcher(resource(files.group(1)));
            while (sets.find()) {
                if (sets.group(1).equals(id)) {
                    return count;
                }
                count++;
            }
        }
        throw new IllegalStateException("no changeset " + id + " in " + Migrations.MASTER_CHANGELOG);
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
