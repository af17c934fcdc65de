package io.rentapi.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlsTest {
    @Test
    void platformUrlsBecomeJdbcUrlsWithTheirCredentials() {
        DatabaseUrls.Parsed parsed = DatabaseUrls.parse("postgres://app:p%40ss@db.internal:6432/rentapi?sslmode=require");
        assertThat(parsed.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/rentapi?sslmode=require");
        assertThat(parsed.user()).contains("app");
        assertThat(parsed.password()).contains("p@ss");
        assertThat(DatabaseUrls.parse("postgresql://db/rentapi").jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/rentapi");
    }

    @Test
    void jdbcUrlsPassThroughAndOthersAreRefused() {
        assertThat(DatabaseUrls.parse("jdbc:h2:mem:x").jdbcUrl()).isEqualTo("jdbc:h2:mem:x");
        assertThat(DatabaseUrls.parse("jdbc:h2:mem:x").user()).isEmpty();
        assertThatThrownBy(() -> DatabaseUrls.parse("mysql://db/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseUrls.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
