package io.rentapi.api.rentals;

import io.rentapi.api.Wiring;
import io.rentapi.api.analytics.AnalyticsResource;
import io.rentapi.api.analytics.AnalyticsService;
import io.rentapi.api.catalog.CatalogService;
import io.rentapi.api.catalog.CategoryResource;
import io.rentapi.api.catalog.ItemResource;
import io.rentapi.api.catalog.ItemService;
import io.rentapi.api.catalog.LocationResource;
import io.rentapi.api.customers.CustomerResource;
import io.rentapi.api.customers.CustomerService;
import io.rentapi.api.analytics.AnalyticsDao;
import io.rentapi.api.catalog.CategoryDao;
import io.rentapi.api.catalog.ItemDao;
import io.rentapi.api.catalog.LocationDao;
import io.rentapi.api.customers.CustomerDao;
import io.rentapi.core.outbox.EventDao;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Builds the rental capability: catalog, customers, bookings, availability and analytics. */
public final class RentalFeature {
    private RentalFeature() {
    }

    public static List<Object> resources(Wiring w) {
        warmSqlObjects(w.jdbi());
        CatalogService catalog = new CatalogService(w.jdbi(), w.outbox(), w.clock());
        return List.of(
                new CategoryResource(catalog),
                new LocationResource(catalog),
                new ItemResource(new ItemService(w.jdbi(), w.outbox(), w.json(), w.clock()), w.json()),
                new AvailabilityResource(new AvailabilityService(w.jdbi()), w.clock()),
                new CustomerResource(new CustomerService(w.jdbi(), w.outbox(), w.json(), w.clock()), w.json()),
                new RentalResource(new RentalService(w.jdbi(), w.outbox(), w.clock())),
                new AnalyticsResource(new AnalyticsService(w.jdbi()), w.clock()));
    }

    /**
     * Every handle starts from a copy of the Jdbi's configuration, and with JDBI 3.51 what
     * {@code handle.attach} learns about a SQL object stays in that copy (jdbi/jdbi#2991): each
     * transaction would read the DAOs' annotations again, milliseconds of CPU per booking. Learning
     * them once on the Jdbi itself, before the first request, lets every handle start with them.
     */
    private static void warmSqlObjects(Jdbi jdbi) {
        for (Class<?> dao : List.of(CategoryDao.class, LocationDao.class, ItemDao.class, CustomerDao.class,
                RentalDao.class, AnalyticsDao.class, EventDao.class)) {
            jdbi.withExtension(dao, extension -> null);
        }
    }
}
