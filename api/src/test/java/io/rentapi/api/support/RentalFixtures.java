package io.rentapi.api.support;

import static io.rentapi.api.support.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rentapi.api.support.Tenants.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Catalog objects, customers and rentals made through the API for tests. */
public final class RentalFixtures {
    /** A Monday well in the future, so that no booking of a test is in the past by accident. */
    public static final Instant BASE = Instant.parse("2031-03-03T09:00:00Z");

    private RentalFixtures() {
    }

    public static ObjectNode serializedItemBody() {
        return object("name", "Drill", "sku", "sku-" + UUID.randomUUID(), "tracking", "serialized",
                "prices", object("hourly", 500, "daily", 2000, "weekly", 9000, "deposit", 5000, "currency", "EUR"));
    }

    public static long item(Tenant tenant, ObjectNode body) {
        ApiClient.ApiResponse created = TestApp.api().post("/v1/items", tenant.accessToken(), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    public static long serializedItem(Tenant tenant) {
        return item(tenant, serializedItemBody());
    }

    public static long bulkItem(Tenant tenant, int stock) {
        return item(tenant, object("name", "Chair", "sku", "sku-" + UUID.randomUUID(), "tracking", "bulk",
                "stock", stock, "prices", object("daily", 300, "deposit", 100, "currency", "EUR")));
    }

    public static long customer(Tenant tenant) {
        ApiClient.ApiResponse created = TestApp.api().post("/v1/customers", tenant.accessToken(),
                object("type", "individual", "name", "Grace Hopper", "email", "grace@example.com"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    public static long category(Tenant tenant) {
        ApiClient.ApiResponse created = TestApp.api().post("/v1/categories", tenant.accessToken(), object("name", "Tools"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    public static long location(Tenant tenant) {
        ApiClient.ApiResponse created = TestApp.api().post("/v1/locations", tenant.accessToken(),
                object("name", "Depot", "address", "1 Main St"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    /** A brand with a name no other test uses. */
    public static long brand(Tenant tenant) {
        ApiClient.ApiResponse created = TestApp.api().post("/v1/brands", tenant.accessToken(),
                object("name", "Brand " + UUID.randomUUID()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    public static ObjectNode rentalBody(long customerId, Instant startsAt, Instant endsAt, long itemId, int quantity) {
        return object("customer_id", customerId, "starts_at", startsAt.toString(), "ends_at", endsAt.toString(),
                "lines", List.of(object("item_id", itemId, "quantity", quantity)));
    }

    public static JsonNode book(Tenant tenant, long customerId, Instant startsAt, Instant endsAt, long itemId) {
        ApiClient.ApiResponse created = TestApp.api().post("/v1/rentals", tenant.accessToken(),
                rentalBody(customerId, startsAt, endsAt, itemId, 1));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    /** Checks the rental out and returns it at once with {@code returnBody}; answers the returned rental. */
    public static JsonNode checkOutAndReturn(Tenant tenant, long rentalId, ObjectNode returnBody) {
        ApiClient.ApiResponse out = TestApp.api().post("/v1/rentals/" + rentalId + "/check_out", tenant.accessToken(), object());
        assertThat(out.status()).as(out.toString()).isEqualTo(200);
        ApiClient.ApiResponse back = TestApp.api().post("/v1/rentals/" + rentalId + "/return", tenant.accessToken(), returnBody);
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        return back.json();
    }

    /** A reserved rental of a new serialized item for a new customer. */
    public static long rental(Tenant tenant) {
        return book(tenant, customer(tenant), BASE, BASE.plusSeconds(86_400), serializedItem(tenant)).get("id").asLong();
    }
}
