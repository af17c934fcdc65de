package io.rentapi.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.rentapi.api.support.PartialMigration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Items that named their brand in free text before brands existed get brand rows, one per organization and name. */
class BrandMigrationTest {
    private static final String BRANDS_CHANGESET = "rentapi:api-rentals-7-brands";

    @Test
    void existingItemBrandsBecomeOneBrandPerOrganizationAndNameWhateverTheCaseAndAreLinked() throws Exception {
        PartialMigration.Migrated db = PartialMigration.freshUpTo(BRANDS_CHANGESET);
        Jdbi jdbi = db.jdbi();
        long acme = db.organization("Acme");
        long other = db.organization("Other");
        long drill = jdbi.withHandle(h -> item(h, acme, "drill", "Bosch"));
        long saw = jdbi.withHandle(h -> item(h, acme, "saw", "BOSCH"));
        long sander = jdbi.withHandle(h -> item(h, acme, "sander", "Makita"));
        long ladder = jdbi.withHandle(h -> item(h, acme, "ladder", null));
        long theirs = jdbi.withHandle(h -> item(h, other, "drill", "bosch"));

        db.migrateTheRest();

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

    private static long item(Handle h, long org, String name, String brand) {
        return h.createUpdate("""
                INSERT INTO items (org_id, name, sku, brand, tracking, stock, item_condition, status, currency, deposit,
                                   late_fee_grace_minutes, late_fee_hourly_rate, buffer_before_minutes,
                                   buffer_after_minutes, created_at, updated_at)
                VALUES (:org, :name, :name, :brand, 'serialized', 1, 'good', 'available', 'EUR', 0, 0, 0, 0, 0, :now, :now)
                """).bind("org", org).bind("name", name).bind("brand", brand).bind("now", Instant.now())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }
}
