package io.rentapi.api.rentals;

import static org.assertj.core.api.Assertions.assertThat;

import io.rentapi.api.support.TestDatabase;
import io.rentapi.core.db.Jdbc;
import io.rentapi.core.db.Migrations;
import io.rentapi.core.tenancy.OrgId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The booking transaction's statements keep one plan each on PostgreSQL: the availability check,
 * run once per booked item, is not planned again for every booking.
 */
class BookingPlanTest {
    private static final Instant FROM = Instant.parse("2031-03-01T09:00:00Z");

    @Test
    void afterOnePlanEachTheAvailabilityCheckRunsOnItsGenericPlan() {
        List<Long> plans = plansOfTheAvailabilityCheck(true);
        assertThat(plans.get(0)).as("custom plans").isZero();
        assertThat(plans.get(1)).as("runs on the generic plan").isGreaterThanOrEqualTo(9);
    }

    /** What the statement above prevents: left to choose, PostgreSQL plans each of the first runs for its dates. */
    @Test
    void withoutItTheFirstRunsArePlannedEachForItsDates() {
        assertThat(plansOfTheAvailabilityCheck(false).get(0)).isPositive();
    }

    /** Custom and generic plans of the availability check, run 14 times on one connection. */
    private static List<Long> plansOfTheAvailabilityCheck(boolean onePlanEach) {
        Migrations.migrate(TestDatabase.jdbcUrl(), TestDatabase.USER, TestDatabase.PASSWORD);
        Jdbi jdbi = TestDatabase.newJdbi();
        return jdbi.withHandle(h -> {
            h.begin();
            if (onePlanEach) {
                Jdbc.pipeline(h, BookingSql.ONE_PLAN_EACH);
            }
            // the driver prepares a statement on the server from its fifth run on; the server counts its plans from then
            for (int day = 0; day < 14; day++) {
                Instant from = FROM.plus(Duration.ofDays(day));
                Jdbc.pipeline(h, BookingSql.blocks(OrgId.of(1), 1, from, from.plus(Duration.ofHours(20)), FROM));
            }
            List<Long> plans = h.createQuery("SELECT coalesce(sum(custom_plans), 0) AS custom, "
                            + "coalesce(sum(generic_plans), 0) AS generic FROM pg_prepared_statements "
                            + "WHERE statement LIKE '%FROM rental_lines l%'")
                    .map((rs, ctx) -> List.of(rs.getLong("custom"), rs.getLong("generic"))).one();
            h.rollback();
            return plans;
        });
    }
}
