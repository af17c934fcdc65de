package io.rentapi.api.rentals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rentapi.api.analytics.AnalyticsService;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.Role;
import io.rentapi.api.catalog.BrandService;
import io.rentapi.api.catalog.CatalogRequests;
import io.rentapi.api.catalog.CatalogService;
import io.rentapi.api.catalog.ItemRequests;
import io.rentapi.api.catalog.ItemService;
import io.rentapi.api.catalog.Tracking;
import io.rentapi.api.customers.CustomerRequests;
import io.rentapi.api.customers.CustomerService;
import io.rentapi.api.customers.CustomerType;
import io.rentapi.api.http.ApiJson;
import io.rentapi.core.db.Migrations;
import io.rentapi.core.db.OrgIdPlugin;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.core.page.PageRequest;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;

/** `rentapi dev` runs on H2: the rental statements work there too (the exclusion constraint is PostgreSQL's only). */
class RentalsOnH2Test {
    private static final Instant START = Instant.parse("2031-05-05T10:00:00Z");

    @Test
    void catalogBookingsLifecycleAvailabilityAndAnalyticsRunOnH2() {
        String url = "jdbc:h2:mem:rentals;MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        Migrations.migrate(url, "sa", "");
        Jdbi jdbi = Jdbi.create(url, "sa", "");
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new OrgIdPlugin());
        OrgId org = new OrgId(jdbi.withHandle(h -> h.createUpdate(
                "INSERT INTO organizations (name, created_at, updated_at) VALUES ('H2', :now, :now)")
                .bind("now", Instant.now()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()));
        ObjectMapper json = ApiJson.configure(ApiJson.newMapper());
        Clock clock = Clock.fixed(START.plus(Duration.ofDays(3)), ZoneOffset.UTC);
        Outbox outbox = new Outbox(json, clock);

        CatalogService catalog = new CatalogService(jdbi, outbox, clock);
        long tools = catalog.createCategory(org, new CatalogRequests.CreateCategory("Tools", null, null)).id();
        long drills = catalog.createCategory(org, new CatalogRequests.CreateCategory("Drills", null, tools)).id();
        ItemService items = new ItemService(jdbi, outbox, json, clock, new BrandService(jdbi, outbox, json, clock));
        long drill = items.create(org, new ItemRequests.Create("Drill 50%", "D-1", null, Tracking.SERIALIZED, null,
                drills, "Bosch", null, null, null, null, null, new ItemRequests.Prices(null, 100L, 500L, 50L, "EUR"),
                new ItemRequests.LateFee(0, 10L), new ItemRequests.Buffer(0, 60))).id();
        assertThat(items.list(org, new ItemService.Filter("50%", tools, null, null, null, "bosch", null), PageRequest.first(10))
                .data()).extracting(i -> i.id()).containsExactly(drill);
        Long bosch = items.get(org, drill).brandId();
        assertThat(items.get(org, drill).brand()).isEqualTo("Bosch");
        assertThat(items.update(org, drill, new ItemRequests.Update(null, null, null, null, null, "BOSCH", null, null,
                null, null, null, null, null, null)).brandId()).isNotNull().isEqualTo(bosch);
        long customer = new CustomerService(jdbi, outbox, json, clock).create(org, new CustomerRequests.Create(
                CustomerType.INDIVIDUAL, "Ada", null, null, null, null, null, null, null)).id();

        RentalService rentals = new RentalService(jdbi, outbox, clock, items);
        RentalView.Details booked = rentals.book(org, new RentalRequests.Create(customer, START.toString(),
                START.plus(Duration.ofDays(8)).toString(), List.of(new RentalRequests.Line(drill, null)), null));
        assertThat(booked.rental().subtotal()).isEqualTo(600);
        ApiException overlap = catchThrowableOfType(ApiException.class, () -> rentals.book(org, new RentalRequests.Create(
                customer, START.plus(Duration.ofDays(8)).plus(Duration.ofMinutes(30)).toString(),
                START.plus(Duration.ofDays(9)).toString(), List.of(new RentalRequests.Line(drill, null)), null)));
        assertThat(overlap.code()).isEqualTo(ErrorCode.RENTAL_OVERLAP);

        Availability free = new AvailabilityService(jdbi, clock).of(org, drill, START.minus(Duration.ofDays(1)), START.plus(Duration.ofDays(10)));
        assertThat(free.booked()).hasSize(1);
        assertThat(free.free()).hasSize(2);

        Caller caller = Caller.user(org, 1, Role.OWNER);
        long id = booked.rental().id();
        rentals.checkOut(caller, id, null);
        assertThat(rentals.giveBack(caller, id, new RentalRequests.Return(null, "ok", 0L)).rental().status())
                .isEqualTo("returned");
        assertThat(rentals.list(org, new RentalService.Filter(RentalStatus.RETURNED, customer, drill), PageRequest.first(5))
                .data()).hasSize(1);

        AnalyticsService analytics = new AnalyticsService(jdbi);
        assertThat(analytics.overall(org, START, START.plus(Duration.ofDays(16))).bookedSeconds())
                .isEqualTo(8 * 86_400.0);
        assertThat(analytics.utilization(org, START, START.plus(Duration.ofDays(16)), PageRequest.first(5)).data())
                .hasSize(1);
        for (AnalyticsService.Granularity unit : AnalyticsService.Granularity.values()) {
            assertThat(analytics.revenue(org, START.minus(Duration.ofDays(1)), START.plus(Duration.ofDays(1)), unit))
                    .extracting(r -> r.row().rentalRevenue()).containsExactly(600L);
        }

        OrgId demo = new OrgId(jdbi.withHandle(h -> h.createUpdate(
                "INSERT INTO organizations (name, created_at, updated_at) VALUES ('Demo', :now, :now)")
                .bind("now", Instant.now()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()));
        RentalDemoData.seed(jdbi, demo);
        assertThat(items.list(demo, new ItemService.Filter(null, null, null, null, null, null, null), PageRequest.first(10))
                .data()).hasSize(2);
        assertThat(rentals.list(demo, new RentalService.Filter(null, null, null), PageRequest.first(10)).data()).hasSize(1);
    }
}
