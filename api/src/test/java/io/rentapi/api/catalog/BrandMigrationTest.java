package io.rentapi.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.rentapi.api.support.TestDatabase;
import io.rentapi.core.db.Migrations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Items that named their brand in free text before brands existed get brand rows, one per organization and name. */
class BrandMigrationTest {
    private static final String BRANDS_CHANGESET = "rentapi:api-rentals-7-brands";

    @Test
    void existingItemBrandsBecomeOneBrandPerOrganizationAndNameWhateverTheCaseAndAreLinked() throws Exception {
        String url = TestDatabase.freshDatabase();
        migrate(url, changesetsBefore(BRANDS_CHANGESET));
        Jdbi jdbi = TestDatabase.newJdbi(url);
        long acme = jdbi.withHandle(h -> organization(h, "Acme"));
        long other = jdbi.withHandle(h -> organization(h, "Other"));
        long drill = jdbi.withHandle(h -> item(h, acme, "drill", "Bosch"));
        long saw = jdbi.withHandle(h -> item(h, acme, "saw", "BOSCH"));
        long sander = jdbi.withHandle(h -> item(h, acme, "sander", "Makita"));
        long ladder = jdbi.withHandle(h -> item(h, acme, "ladder", null));
        long theirs = jdbi.withHandle(h -> item(h, other, "drill", "bosch"));

        Migrations.migrate(url, TestDatabase.USER, TestDatabase.PASSWORD);

        List<Map<String, Object>> brands = jdbi.withHandle(h -> h.createQuery(
                "SELECT org_id, name, name_key FROM brands ORDER BY org_id, name_key").mapToMap().list());
        assertThat(brands).extracting(b -> b.get("org_id") + ":" + b.get("name") + ":" + b.get("name_key"))
                .containsExactly(acme + ":Bosch:bosch", acme + ":Makita:makita", other + ":bosch:bosch");
        assertThat(brandOf(jdbi, drill)).isEqualTo(brandOf(jdbi, saw)).isNotNull();
        assertThat(brandOf(jdbi, sander)).isNotNull().isNotEqualTo(brandOf(jdbi, drill));
        assertThat(brandOf(jdbi, ladder)).isNull();
        assertThat(brandOf(jdbi, theirs)).isNotNull().isNotEqualTo(brandOf(jdbi, drill));
        int freeTextColumns = jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'brand'")
                .mapTo(Integer.class).one());
        assertThat(freeTextColumns).isZero();
    }

    private static Long brandOf(Jdbi jdbi, long item) {
        return jdbi.withHandle(h -> h.createQuery("SELECT brand_id FROM items WHERE id = :id").bind("id", item)
                .mapTo(Long.class).one());
    }

    private static long organization(Handle h, String name) {
        return h.createUpdate("INSERT INTO organizations (name, created_at, updated_at) VALUES (:name, :now, :now)")
                .bind("name", name).bind("now", Instant.now()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    private static long item(Handle h, long org, String name, String brand) {
        return h.createUpdate("""
                INSERT INTO items (org_id, name, sku, brand, tracking, stock, item_condition, status, currency, deposit,
                                   late_fee_grace_minutes, late_fee_hourly_rate, buffer_before_minutes,
                                   buffer_after_minutes, created_at, updated_at)
                VALUES (:org, :name, :name, :brand, 'serialized', 1, 'good', 'available', 'EUR', 0, 0, 0, 0, 0, :now, :now)
                """).bind("org", org).bind("name", name).bind("brand", brand).bind("now", Instant.now())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
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

    private static void migrate(String url, int changesets) throws Exception {
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
}
