package io.rentapi.api.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rentapi.api.support.TestDatabase;
import io.rentapi.core.db.Jdbc;
import io.rentapi.core.db.Migrations;
import io.rentapi.core.db.SqlErrors;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

/** Plain JDBC, as booking, the outbox and the audit trail use it, on PostgreSQL and on H2 (dev). */
class JdbcTest {
    private static final String INSERT = "INSERT INTO organizations (name, created_at, updated_at) VALUES (?, ?, ?)";
    private static final String SELECT = "SELECT id, name, created_at, updated_at FROM organizations WHERE id = ?";

    private record Row(long id, String name, Instant createdAt, Instant updatedAt) {
    }

    @Test
    void roundTripsOnPostgresql() {
        roundTrip(postgresql());
    }

    @Test
    void roundTripsOnH2() {
        String url = "jdbc:h2:mem:jdbc-test;MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        Migrations.migrate(url, "sa", "");
        roundTrip(Jdbi.create(url, "sa", ""));
    }

    private static Jdbi postgresql() {
        Migrations.migrate(TestDatabase.jdbcUrl(), TestDatabase.USER, TestDatabase.PASSWORD);
        return TestDatabase.newJdbi();
    }

    private static void roundTrip(Jdbi jdbi) {
        // microseconds are what both databases keep; a time before 1970 and one far ahead survive too
        Instant created = Instant.parse("1969-07-20T20:17:40.123456Z");
        Instant updated = Instant.now().truncatedTo(ChronoUnit.MICROS).plus(3650, ChronoUnit.DAYS);
        jdbi.useHandle(h -> {
            h.begin(); // rolled back at the end: the shared test database keeps nothing of this
            long id = Jdbc.insert(h, INSERT, "Jdbc ' \" \\ ünïcode", created, updated);
            long other = Jdbc.insert(h, INSERT, "second", created, created);
            assertThat(other).isGreaterThan(id);

            Row row = Jdbc.first(h, SELECT, JdbcTest::read, id).orElseThrow();
            assertThat(row).isEqualTo(new Row(id, "Jdbc ' \" \\ ünïcode", created, updated));
            assertThat(Jdbc.first(h, SELECT, JdbcTest::read, Long.MAX_VALUE)).isEmpty();
            assertThat(Jdbc.list(h, "SELECT id, name, created_at, updated_at FROM organizations WHERE id IN (?, ?) ORDER BY id",
                    JdbcTest::read, id, other)).extracting(Row::id).containsExactly(id, other);

            // an OrgId binds as its number, a null as SQL NULL, an int and a boolean as themselves
            assertThat(Jdbc.update(h, "UPDATE organizations SET updated_at = ? WHERE id = ? AND ? AND ? = 1",
                    created, OrgId.of(id), true, 1)).isOne();
            assertThat(Jdbc.first(h, "SELECT CAST(? AS bigint) AS id, CAST(? AS varchar) AS name, created_at, "
                    + "updated_at FROM organizations WHERE id = ?", JdbcTest::nullable, null, null, id)).contains(List.of());
            h.rollback();
        });
    }

    @Test
    void failuresCarryTheDatabasesSqlStateAndLeaveNothingBehind() {
        Jdbi jdbi = postgresql();
        Instant now = Instant.now();
        long before = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM organizations").mapTo(Long.class).one());
        assertThatThrownBy(() -> jdbi.useTransaction(h -> {
            Jdbc.insert(h, INSERT, "rolled back", now, now);
            Jdbc.insert(h, INSERT, null, now, now); // name is NOT NULL
        })).isInstanceOf(UnableToExecuteStatementException.class)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23502"))
                .satisfies(e -> assertThat(SqlErrors.isUniqueViolation(e)).isFalse());
        assertThat(jdbi.withHandle((Handle h) -> h.createQuery("SELECT count(*) FROM organizations").mapTo(Long.class).one()))
                .isEqualTo(before);
        assertThatThrownBy(() -> jdbi.useHandle(h -> Jdbc.update(h, "UPDATE organizations SET name = ?", new Object())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Row read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getLong("id"), rs.getString("name"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }

    private static List<Object> nullable(java.sql.ResultSet rs) throws java.sql.SQLException {
        return Jdbc.nullableLong(rs, "id") == null && rs.getString("name") == null ? List.of() : List.of("not null");
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
