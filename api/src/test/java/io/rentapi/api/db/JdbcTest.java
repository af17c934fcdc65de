package io.rentapi.api.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

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
        roundTrip(h2("jdbc-test"));
    }

    private static Jdbi h2(String name) {
        String url = "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        Migrations.migrate(url, "sa", "");
        return Jdbi.create(url, "sa", "");
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

    @Test
    void aPipelineRunsItsStatementsInOrderOnPostgresql() {
        pipeline(postgresql());
    }

    @Test
    void aPipelineRunsItsStatementsInOrderOnH2() {
        pipeline(h2("jdbc-pipeline-test"));
    }

    private static void pipeline(Jdbi jdbi) {
        Instant created = Instant.parse("2026-01-31T10:00:00.654321Z");
        String name = "pipeline " + System.nanoTime();
        jdbi.useHandle(h -> {
            h.begin();
            Jdbc.Results results = Jdbc.pipeline(h,
                    Jdbc.Statement.change(INSERT, name, created, created),
                    Jdbc.Statement.query("SELECT id, name, created_at, updated_at FROM organizations WHERE name = ?",
                            JdbcTest::read, name),
                    Jdbc.Statement.change("UPDATE organizations SET name = ? WHERE name = ?", name + " renamed", name),
                    Jdbc.Statement.query("SELECT id, name, created_at, updated_at FROM organizations WHERE name IN (?, ?)",
                            JdbcTest::read, name, name + " renamed"));
            assertThat(results.changed(0)).isOne();
            List<Row> inserted = results.rows(1);
            assertThat(inserted).extracting(Row::name, Row::createdAt).containsExactly(tuple(name, created));
            assertThat(results.changed(2)).isOne();
            List<Row> renamed = results.rows(3);
            assertThat(renamed).extracting(Row::id, Row::name)
                    .containsExactly(tuple(inserted.get(0).id(), name + " renamed"));

            assertThatThrownBy(() -> Jdbc.pipeline(h, Jdbc.Statement.change(INSERT, "fine", created, created),
                    Jdbc.Statement.change(INSERT, null, created, created)))
                    .isInstanceOf(UnableToExecuteStatementException.class)
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23502"));
            h.rollback();
        });
    }

    /**
     * What booking relies on: in a pipeline, a query after a locking statement sees what the lock's
     * holder committed while the pipeline waited for it (each statement takes its own snapshot).
     */
    @Test
    void aQueryAfterALockInAPipelineSeesWhatTheLockHolderCommitted() throws Exception {
        Jdbi jdbi = postgresql();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String marker = "committed by the lock holder " + System.nanoTime();
        long locked = jdbi.withHandle(h -> Jdbc.insert(h, INSERT, "lock " + marker, now, now));
        try (Handle holder = jdbi.open()) {
            holder.begin();
            Jdbc.first(holder, "SELECT id FROM organizations WHERE id = ? FOR UPDATE", rs -> rs.getLong(1), locked);
            java.util.concurrent.CompletableFuture<Long> seen = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> jdbi.inTransaction(h -> {
                        Jdbc.Results results = Jdbc.pipeline(h,
                                Jdbc.Statement.query("SELECT id FROM organizations WHERE id = ? FOR UPDATE",
                                        rs -> rs.getLong(1), locked),
                                Jdbc.Statement.query("SELECT count(*) FROM organizations WHERE name = ?",
                                        rs -> rs.getLong(1), marker));
                        List<Long> count = results.rows(1);
                        return count.get(0);
                    }));
            // the pipeline is waiting for the lock before the holder writes and commits
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    + "AND query LIKE '%FROM organizations WHERE id = % FOR UPDATE%'").mapTo(Long.class).one()) == 0) {
                assertThat(System.nanoTime()).as("the pipeline waits for the lock").isLessThan(deadline);
                Thread.sleep(10);
            }
            Jdbc.insert(holder, INSERT, marker, now, now);
            holder.commit();
            assertThat(seen.get(10, java.util.concurrent.TimeUnit.SECONDS)).isOne();
        } finally {
            jdbi.useHandle(h -> Jdbc.update(h, "DELETE FROM organizations WHERE name IN (?, ?)", marker, "lock " + marker));
        }
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
