package io.rentapi.api.rentals;

import io.rentapi.api.Wiring;
import io.rentapi.api.analytics.AnalyticsResource;
import io.rentapi.api.analytics.AnalyticsService;
import io.rentapi.api.catalog.BrandResource;
import io.rentapi.api.catalog.BrandService;
import io.rentapi.api.catalog.CatalogService;
import io.rentapi.api.catalog.CategoryResource;
import io.rentapi.api.catalog.ItemResource;
import io.rentapi.api.catalog.ItemService;
import io.rentapi.api.catalog.LocationResource;
import io.rentapi.api.customers.CustomerResource;
import io.rentapi.api.customers.CustomerService;
import java.util.List;

/** Builds the rental capability: catalog (categories, locations, brands, items), customers, bookings, availability and analytics. */
public final class RentalFeature {
    private RentalFeature() {
    }

    public static List<Object> resources(Wiring w) {
        CatalogService catalog = new CatalogService(w.jdbi(), w.outbox(), w.clock());
        BrandService brands = new BrandService(w.jdbi(), w.outbox(), w.json(), w.clock());
        ItemService items = new ItemService(w.jdbi(), w.outbox(), w.json(), w.clock(), brands);
        return List.of(
                new CategoryResource(catalog),
                new LocationResource(catalog),
                new BrandResource(brands, w.json()),
                new ItemResource(items, w.json()),
                new AvailabilityResource(new AvailabilityService(w.jdbi(), w.clock()), w.clock()),
                new CustomerResource(new CustomerService(w.jdbi(), w.outbox(), w.json(), w.clock()), w.json()),
                new RentalResource(new RentalService(w.jdbi(), w.outbox(), w.clock(), items)),
                new AnalyticsResource(new AnalyticsService(w.jdbi()), w.clock()));
    }
}
