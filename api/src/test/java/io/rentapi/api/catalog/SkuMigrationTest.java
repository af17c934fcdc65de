package io.rentapi.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rentapi.api.support.PartialMigration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** SKUs become unique per organization whatever their case; older items that would clash stop the migration. */
class SkuMigrationTest {
    private static final String SKU_CHANGESET = "rentapi:api-rentals-9-items-sku-any-case";

    @Test
    void existingSkusGetTheirLowerCaseKeyAndOnlyClashesWithinAnOrganizationCount() throws Exception {
        PartialMigration.Migrated db = PartialMigration.freshUpTo(SKU_CHANGESET);
        Jdbi jdbi = db.jdbi();
        long acme = db.organization("Acme");
        long other = db.organization("Other");
        jdbi.useHandle(h -> item(h, acme, "HD-1"));
        jdbi.useHandle(h -> item(h, other, "hd-1"));

        db.migrateTheRest();

        List<String> keys = jdbi.withHandle(h -> h.createQuery("SELECT sku || ':' || sku_key FROM items ORDER BY org_id")
                .mapTo(String.class).list());
        assertThat(keys).containsExactly("HD-1:hd-1", "hd-1:hd-1");
    }

    @Test
    void skusOfOneOrganizationDifferingOnlyInCaseStopTheMigrationAndChangeNothing() throws Exception {
        PartialMigration.Migrated db = PartialMigration.freshUpTo(SKU_CHANGESET);
        long acme = db.organization("Acme");
        db.jdbi().useHandle(h -> item(h, acme, "HD-1"));
        db.jdbi().useHandle(h -> item(h, acme, "hd-1"));

        assertThatThrownBy(db::migrateTheRest)
                .hasStackTraceContaining(SKU_CHANGESET.substring("rentapi:".length())).hasStackTraceContaining("Preconditions Failed");
        int keyColumns = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'sku_key'")
                .mapTo(Integer.class).one());
        assertThat(keyColumns).isZero();
    }

    private static void item(Handle h, long org, String sku) {
        h.createUpdate("""
                INSERT INTO items (org_id, name, sku, tracking, stock, item_condition, status, currency, deposit,
                                   late_fee_grace_minutes, late_fee_hourly_rate, buffer_before_minutes,
                                   buffer_after_minutes, created_at, updated_at)
                VALUES (:org, 'Drill', :sku, 'serialized', 1, 'good', 'available', 'EUR', 0, 0, 0, 0, 0, :now, :now)
                """).bind("org", org).bind("sku", sku).bind("now", Instant.now()).execute();
    }
}
