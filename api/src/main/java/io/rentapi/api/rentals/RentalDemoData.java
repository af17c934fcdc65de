package io.rentapi.api.rentals;

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
import io.rentapi.core.outbox.Outbox;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** A small catalog, two customers and a booking for the demo organization of {@code rentapi dev}. */
public final class RentalDemoData {
    private RentalDemoData() {
    }

    public static void seed(Jdbi jdbi, OrgId orgId) {
        var json = ApiJson.configure(ApiJson.newMapper());
        Clock clock = Clock.systemUTC();
        Outbox outbox = new Outbox(json, clock);
        CatalogService catalog = new CatalogService(jdbi, outbox, clock);
        long tools = catalog.createCategory(orgId, new CatalogRequests.CreateCategory("Tools", null, null)).id();
        long events = catalog.createCategory(orgId, new CatalogRequests.CreateCategory("Event furniture", null, null)).id();
        long depot = catalog.createLocation(orgId, new CatalogRequests.CreateLocation("Main depot", "1 Harbour Road")).id();
        ItemService items = new ItemService(jdbi, outbox, json, clock, new BrandService(jdbi, outbox, json, clock));
        long drill = items.create(orgId, new ItemRequests.Create("Hammer drill", "TOOL-001", "18 V, two batteries",
                Tracking.SERIALIZED, null, tools, "Bosch", null, depot, null, null, null,
                new ItemRequests.Prices(800L, 2500L, 12000L, 10000L, "EUR"), new ItemRequests.LateFee(60, 500L),
                new ItemRequests.Buffer(0, 60))).id();
        items.create(orgId, new ItemRequests.Create("Folding chair", "FURN-001", null, Tracking.BULK, 120, events, null, null,
                depot, null, null, null, new ItemRequests.Prices(null, 300L, 1500L, 0L, "EUR"), null, null));
        CustomerService customers = new CustomerService(jdbi, outbox, json, clock);
        long ada = customers.create(orgId, new CustomerRequests.Create(CustomerType.INDIVIDUAL, "Ada Lovelace",
                "ada@example.com", null, null, null, null, null, null)).id();
        customers.create(orgId, new CustomerRequests.Create(CustomerType.BUSINESS, "Analytical Engines Ltd",
                "ops@engines.example", null, List.of(new CustomerRequests.Address("billing", "12 St James's Square",
                        null, "London", null, "SW1Y 4JH", "GB")), null, null, null, null));
        Instant start = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).plus(Duration.ofHours(9));
        new RentalService(jdbi, outbox, clock, items).book(orgId, new RentalRequests.Create(ada, start.toString(),
                start.plus(Duration.ofDays(3)).toString(), List.of(new RentalRequests.Line(drill, null)), "demo booking"));
    }
}
