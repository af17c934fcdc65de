package io.rentapi.api.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.rentapi.core.db.Migrations;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Every changeset applies on H2 too, which `rentapi dev` runs on; PostgreSQL-only ones are marked so. */
class DevDatabaseMigrationTest {
    @Test
    void theWholeChangelogAppliesOnH2InPostgresMode() {
        String url = "jdbc:h2:mem:migrations;MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        Migrations.migrate(url, "sa", "");
        Migrations.migrate(url, "sa", ""); // a second start finds everything applied
        List<String> tables = Jdbi.create(url, "sa", "").withHandle(h -> h.createQuery(
                "SELECT lower(table_name) FROM information_schema.tables WHERE table_schema = 'PUBLIC'")
                .mapTo(String.class).list());
        assertThat(tables).contains("organizations", "users", "memberships", "refresh_tokens", "events", "idempotency_keys");
    }
}
