package io.rentapi.api.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rentapi.api.support.Tenants.Tenant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Every route that reads a JSON body, with one valid body and its required fields, for
 * {@code BadInputTest}. A new POST/PATCH/PUT route adds itself here; {@code HarnessCoverageTest}
 * fails while one is missing.
 */
public final class BodyRoutes {
    private BodyRoutes() {
    }

    /**
     * @param path     the path for a given organization (routes with ids make their object first)
     * @param valid    a body the route accepts
     * @param required the fields whose absence is a 422
     * @param open     true for routes that need no credentials
     * @param optional true for routes whose body may be left out
     */
    public record BodyRoute(String method, String template, Function<Tenant, String> path,
                            Function<Tenant, ObjectNode> valid, Set<String> required, boolean open, boolean optional) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private static BodyRoute route(String method, String path, Function<Tenant, ObjectNode> valid, Set<String> required) {
        return new BodyRoute(method, path, t -> path, valid, required, false, false);
    }

    private static BodyRoute open(String method, String path, Function<Tenant, ObjectNode> valid, Set<String> required) {
        return new BodyRoute(method, path, t -> path, valid, required, true, false);
    }

    private static final List<BodyRoute> FOUNDATION = List.of(
            open("POST", "/v1/auth/register", t -> ApiClient.object("email", "new-user@example.com",
                    "password", Tenants.PASSWORD, "name", "New User", "organization_name", "New Org"),
                    Set.of("email", "password", "name", "organization_name")),
            open("POST", "/v1/auth/login", t -> ApiClient.object("email", t.email(), "password", Tenants.PASSWORD),
                    Set.of("email", "password")),
            open("POST", "/v1/auth/refresh", t -> ApiClient.object("refresh_token", t.refreshToken()),
                    Set.of("refresh_token")),
            open("POST", "/v1/auth/logout", t -> ApiClient.object("refresh_token", t.refreshToken()),
                    Set.of("refresh_token")),
            route("POST", "/v1/auth/switch", t -> ApiClient.object("organization_id", t.orgId().value()),
                    Set.of("organization_id")),
            route("POST", "/v1/orgs", t -> ApiClient.object("name", "Another Org"), Set.of("name")),
            route("PATCH", "/v1/org", t -> ApiClient.object("name", "Renamed Org"), Set.of("name")),
            new BodyRoute("PATCH", "/v1/org/members/{user_id}",
                    t -> "/v1/org/members/" + Tenants.addMember(t, "viewer").userId(),
                    t -> ApiClient.object("role", "developer"), Set.of("role"), false, false),
            route("POST", "/v1/api_keys", t -> ApiClient.object("name", "ci", "scopes", java.util.List.of("rentals:read"),
                    "allowed_ips", java.util.List.of("10.0.0.0/8"), "rate_limit", ApiClient.object("requests_per_hour", 10)),
                    Set.of("name", "scopes")),
            new BodyRoute("PATCH", "/v1/api_keys/{id}", t -> "/v1/api_keys/" + Tenants.apiKey(t, "rentals:read").id(),
                    t -> ApiClient.object("name", "renamed"), Set.of(), false, false),
            new BodyRoute("POST", "/v1/api_keys/{id}/rotate", t -> "/v1/api_keys/" + Tenants.apiKey(t, "rentals:read").id() + "/rotate",
                    t -> ApiClient.object("grace_period_seconds", 60), Set.of(), false, true));

    private static final List<BodyRoute> RENTALS = List.of();

    private static final List<BodyRoute> WEBHOOKS = List.of(
            route("POST", "/v1/webhook_endpoints", t -> ApiClient.object("url", "https://hooks.example.com/rentapi",
                    "event_types", java.util.List.of("rental.*", "api_key.created"), "description", "ops",
                    "rate_limit", 50), Set.of("url")),
            new BodyRoute("PATCH", "/v1/webhook_endpoints/{id}",
                    t -> "/v1/webhook_endpoints/" + Webhooks.endpoint(t, "https://hooks.example.com/a").id(),
                    t -> ApiClient.object("description", "renamed"), Set.of(), false, false));

    private static final List<BodyRoute> BILLING = List.of();

    private static final List<BodyRoute> SECURITY = List.of();

    public static final List<BodyRoute> ALL = java.util.stream.Stream.of(FOUNDATION, RENTALS, WEBHOOKS, BILLING, SECURITY)
            .flatMap(List::stream).toList();
}
