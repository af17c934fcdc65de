package io.rentapi.api.support;

import io.rentapi.api.support.Tenants.Tenant;
import java.util.List;
import java.util.function.Function;

/**
 * Every route that names a tenant's object, and every list, for {@code TenantIsolationTest}. A new
 * endpoint adds its object here; {@code HarnessCoverageTest} fails while a route with an id is
 * missing.
 *
 * <p>In paths and bodies, {@code {id}} stands for the id of an object another organization owns.
 */
public final class TenantScopedRoutes {
    private TenantScopedRoutes() {
    }

    /** A kind of object, how to make one in an organization, and the routes that reach it. */
    public record Owned(String name, Function<Tenant, Long> create, List<ById> byId, List<Listing> lists) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A route that takes the id, in its path or (for {@code body}) in its JSON body. */
    public record ById(String method, String path, String body) {
        public static ById of(String method, String path) {
            return new ById(method, path, null);
        }
    }

    /** A list that must never show another organization's object; {@code idField} names the id in each item. */
    public record Listing(String path, String idField) {
    }

    private static final List<Owned> FOUNDATION = List.of(
            new Owned("member",
                    owner -> Tenants.addMember(owner, "developer").userId(),
                    List.of(ById.of("GET", "/v1/org/members/{id}"),
                            new ById("PATCH", "/v1/org/members/{id}", "{\"role\":\"viewer\"}"),
                            ById.of("DELETE", "/v1/org/members/{id}")),
                    List.of(new Listing("/v1/org/members?limit=100", "user_id"))),
            new Owned("organization",
                    owner -> owner.orgId().value(),
                    List.of(new ById("POST", "/v1/auth/switch", "{\"organization_id\":{id}}")),
                    List.of(new Listing("/v1/orgs?limit=100", "id"))),
            new Owned("api key",
                    owner -> Tenants.apiKey(owner, "rentals:read").id(),
                    List.of(ById.of("GET", "/v1/api_keys/{id}"),
                            new ById("PATCH", "/v1/api_keys/{id}", "{\"name\":\"taken over\"}"),
                            new ById("POST", "/v1/api_keys/{id}/rotate", "{}"),
                            ById.of("GET", "/v1/api_keys/{id}/usage"),
                            ById.of("DELETE", "/v1/api_keys/{id}")),
                    List.of(new Listing("/v1/api_keys?limit=100", "id"))));

    private static final String PERIOD = "\"starts_at\":\"2031-01-01T00:00:00Z\",\"ends_at\":\"2031-01-02T00:00:00Z\"";

    private static final List<Owned> RENTALS = List.of(
            new Owned("category",
                    RentalFixtures::category,
                    List.of(ById.of("GET", "/v1/categories/{id}"),
                            new ById("PATCH", "/v1/categories/{id}", "{\"name\":\"taken over\"}"),
                            new ById("POST", "/v1/categories", "{\"name\":\"child\",\"parent_id\":{id}}"),
                            new ById("POST", "/v1/items", "{\"name\":\"x\",\"sku\":\"x\",\"tracking\":\"serialized\",\"category_id\":{id}}")),
                    List.of(new Listing("/v1/categories?limit=100", "id"))),
            new Owned("location",
                    RentalFixtures::location,
                    List.of(ById.of("GET", "/v1/locations/{id}"),
                            new ById("PATCH", "/v1/locations/{id}", "{\"name\":\"taken over\"}"),
                            new ById("POST", "/v1/items", "{\"name\":\"x\",\"sku\":\"x\",\"tracking\":\"serialized\",\"location_id\":{id}}")),
                    List.of(new Listing("/v1/locations?limit=100", "id"))),
            new Owned("brand",
                    RentalFixtures::brand,
                    List.of(ById.of("GET", "/v1/brands/{id}"),
                            new ById("PATCH", "/v1/brands/{id}", "{\"name\":\"taken over\"}"),
                            ById.of("DELETE", "/v1/brands/{id}"),
                            new ById("POST", "/v1/items", "{\"name\":\"x\",\"sku\":\"x\",\"tracking\":\"serialized\",\"brand_id\":{id}}")),
                    List.of(new Listing("/v1/brands?limit=100", "id"))),
            new Owned("item",
                    RentalFixtures::serializedItem,
                    List.of(ById.of("GET", "/v1/items/{id}"),
                            new ById("PATCH", "/v1/items/{id}", "{\"name\":\"taken over\"}"),
                            ById.of("GET", "/v1/items/{id}/availability")),
                    List.of(new Listing("/v1/items?limit=100", "id"),
                            new Listing("/v1/analytics/utilization?limit=100", "item_id"),
                            new Listing("/v1/analytics/underused?limit=100", "item_id"))),
            new Owned("customer",
                    RentalFixtures::customer,
                    List.of(ById.of("GET", "/v1/customers/{id}"),
                            new ById("PATCH", "/v1/customers/{id}", "{\"blocked\":true}"),
                            new ById("POST", "/v1/rentals", "{\"customer_id\":{id}," + PERIOD
                                    + ",\"lines\":[{\"item_id\":1}]}")),
                    List.of(new Listing("/v1/customers?limit=100", "id"))),
            new Owned("rental",
                    RentalFixtures::rental,
                    List.of(ById.of("GET", "/v1/rentals/{id}"),
                            new ById("POST", "/v1/rentals/{id}/check_out", "{}"),
                            new ById("POST", "/v1/rentals/{id}/return", "{}"),
                            new ById("POST", "/v1/rentals/{id}/cancel", "{}"),
                            ById.of("POST", "/v1/rentals/{id}/no_show")),
                    List.of(new Listing("/v1/rentals?limit=100", "id"))));

    private static final List<Owned> WEBHOOKS = List.of(
            new Owned("webhook endpoint",
                    owner -> Webhooks.endpoint(owner, "http://127.0.0.1:9/hook").id(),
                    List.of(ById.of("GET", "/v1/webhook_endpoints/{id}"),
                            new ById("PATCH", "/v1/webhook_endpoints/{id}", "{\"description\":\"taken over\"}"),
                            ById.of("POST", "/v1/webhook_endpoints/{id}/rotate_secret"),
                            ById.of("POST", "/v1/webhook_endpoints/{id}/test"),
                            ById.of("POST", "/v1/webhook_endpoints/{id}/recover"),
                            ById.of("GET", "/v1/webhook_endpoints/{id}/deliveries"),
                            ById.of("DELETE", "/v1/webhook_endpoints/{id}")),
                    List.of(new Listing("/v1/webhook_endpoints?limit=100", "id"))),
            new Owned("webhook delivery",
                    owner -> Webhooks.ping(owner, Webhooks.endpoint(owner, "http://127.0.0.1:9/hook").id()),
                    List.of(ById.of("GET", "/v1/webhook_deliveries/{id}"),
                            ById.of("POST", "/v1/webhook_deliveries/{id}/resend")),
                    List.of()),
            new Owned("event",
                    owner -> Webhooks.endpoint(owner, "http://127.0.0.1:9/hook").createdEventId(),
                    List.of(ById.of("GET", "/v1/events/{id}")),
                    List.of(new Listing("/v1/events?limit=100", "id"))));

    private static final List<Owned> BILLING = List.of(
            new Owned("invoice",
                    io.rentapi.api.billing.BillingFixtures::openInvoice,
                    List.of(ById.of("GET", "/v1/invoices/{id}"),
                            ById.of("GET", "/v1/invoices/{id}.pdf"),
                            ById.of("POST", "/v1/invoices/{id}/pay"),
                            ById.of("POST", "/v1/admin/invoices/{id}/mark_paid")),
                    List.of(new Listing("/v1/invoices?limit=100", "id"))),
            new Owned("payment",
                    io.rentapi.api.billing.BillingFixtures::pendingPayment,
                    List.of(ById.of("GET", "/v1/payments/{id}"),
                            new ById("POST", "/v1/payments/{id}/refund", "{}")),
                    List.of(new Listing("/v1/payments?limit=100", "id"))),
            // plans are the platform's: another organization's member is no platform admin, so not found
            new Owned("plan",
                    owner -> io.rentapi.api.billing.BillingFixtures.extraPlan(),
                    List.of(new ById("PATCH", "/v1/admin/plans/{id}", "{\"name\":\"taken over\"}")),
                    List.of()));

    private static final List<Owned> SECURITY = List.of(
            new Owned("invitation",
                    owner -> TestApp.api().post("/v1/org/invitations", owner.accessToken(), ApiClient.object(
                            "email", "invitee-" + java.util.UUID.randomUUID() + "@example.com", "role", "viewer"))
                            .json().get("id").asLong(),
                    List.of(ById.of("GET", "/v1/org/invitations/{id}"), ById.of("DELETE", "/v1/org/invitations/{id}")),
                    List.of(new Listing("/v1/org/invitations?limit=100", "id"))),
            new Owned("audit entry",
                    owner -> {
                        TestApp.api().patch("/v1/org", owner.accessToken(), ApiClient.object("name", "Audited"));
                        return TestApp.jdbi().withHandle(h -> h.createQuery(
                                "SELECT max(id) FROM audit_log WHERE org_id = :org").bind("org", owner.orgId().value())
                                .mapTo(Long.class).one());
                    },
                    List.of(),
                    List.of(new Listing("/v1/audit_log?limit=100", "id"))));

    public static final List<Owned> ALL = java.util.stream.Stream.of(FOUNDATION, RENTALS, WEBHOOKS, BILLING, SECURITY)
            .flatMap(List::stream).toList();
}
