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

    private static final List<Owned> RENTALS = List.of();

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

    private static final List<Owned> BILLING = List.of();

    private static final List<Owned> SECURITY = List.of();

    public static final List<Owned> ALL = java.util.stream.Stream.of(FOUNDATION, RENTALS, WEBHOOKS, BILLING, SECURITY)
            .flatMap(List::stream).toList();
}
