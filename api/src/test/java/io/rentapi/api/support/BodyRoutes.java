package io.rentapi.api.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rentapi.api.support.Tenants.Tenant;
import java.util.List;
import java.util.Set;
import io.rentapi.api.billing.BillingFixtures;
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

    private static final List<BodyRoute> RENTALS = List.of(
            route("POST", "/v1/categories", t -> ApiClient.object("name", "Power tools", "description", "Drills"),
                    Set.of("name")),
            new BodyRoute("PATCH", "/v1/categories/{id}", t -> "/v1/categories/" + RentalFixtures.category(t),
                    t -> ApiClient.object("name", "Renamed"), Set.of(), false, false),
            route("POST", "/v1/locations", t -> ApiClient.object("name", "Depot", "address", "1 Main St"), Set.of("name")),
            new BodyRoute("PATCH", "/v1/locations/{id}", t -> "/v1/locations/" + RentalFixtures.location(t),
                    t -> ApiClient.object("name", "Renamed"), Set.of(), false, false),
            route("POST", "/v1/brands", t -> ApiClient.object("name", "Makita", "description", "Power tools",
                    "website", "https://www.makita.example", "metadata", ApiClient.object("tier", "premium")), Set.of("name")),
            new BodyRoute("PATCH", "/v1/brands/{id}", t -> "/v1/brands/" + RentalFixtures.brand(t),
                    t -> ApiClient.object("name", "Renamed", "website", ""), Set.of(), false, false),
            route("POST", "/v1/items", t -> RentalFixtures.serializedItemBody()
                            .put("description", "18 V").set("metadata", ApiClient.object("color", "red")),
                    Set.of("name", "sku", "tracking")),
            new BodyRoute("PATCH", "/v1/items/{id}", t -> "/v1/items/" + RentalFixtures.serializedItem(t),
                    t -> ApiClient.object("name", "Renamed", "status", "maintenance"), Set.of(), false, false),
            route("POST", "/v1/customers", t -> ApiClient.object("type", "business", "name", "Acme", "email",
                            "ops@acme.example", "addresses", java.util.List.of(ApiClient.object("line1", "1 Main St",
                                    "country", "US"))),
                    Set.of("type", "name")),
            new BodyRoute("PATCH", "/v1/customers/{id}", t -> "/v1/customers/" + RentalFixtures.customer(t),
                    t -> ApiClient.object("blocked", true, "blocked_reason", "unpaid"), Set.of(), false, false),
            route("POST", "/v1/rentals", t -> RentalFixtures.rentalBody(RentalFixtures.customer(t),
                            RentalFixtures.BASE, RentalFixtures.BASE.plusSeconds(3600), RentalFixtures.serializedItem(t), 1)
                            .put("notes", "gate 2"),
                    Set.of("customer_id", "starts_at", "ends_at", "lines")),
            new BodyRoute("POST", "/v1/rentals/{id}/check_out", t -> "/v1/rentals/" + RentalFixtures.rental(t) + "/check_out",
                    t -> ApiClient.object("condition", "good", "notes", "all parts"), Set.of(), false, true),
            new BodyRoute("POST", "/v1/rentals/{id}/return", t -> "/v1/rentals/" + RentalFixtures.rental(t) + "/return",
                    t -> ApiClient.object("condition", "fair", "notes", "scratched", "damage_charge", 1500),
                    Set.of(), false, true),
            new BodyRoute("POST", "/v1/rentals/{id}/cancel", t -> "/v1/rentals/" + RentalFixtures.rental(t) + "/cancel",
                    t -> ApiClient.object("reason", "plans changed"), Set.of(), false, true));

    private static final List<BodyRoute> WEBHOOKS = List.of(
            route("POST", "/v1/webhook_endpoints", t -> ApiClient.object("url", "https://hooks.example.com/rentapi",
                    "event_types", java.util.List.of("rental.*", "api_key.created"), "description", "ops",
                    "rate_limit", 50), Set.of("url")),
            new BodyRoute("PATCH", "/v1/webhook_endpoints/{id}",
                    t -> "/v1/webhook_endpoints/" + Webhooks.endpoint(t, "https://hooks.example.com/a").id(),
                    t -> ApiClient.object("description", "renamed"), Set.of(), false, false));

    private static final List<BodyRoute> BILLING = List.of(
            route("POST", "/v1/subscription", t -> ApiClient.object("plan_id", BillingFixtures.planId("basic"),
                    "interval", "month", "provider", "manual"), Set.of("plan_id")),
            route("POST", "/v1/subscription/change", t -> ApiClient.object("plan_id", BillingFixtures.planId("pro")),
                    Set.of("plan_id")),
            new BodyRoute("POST", "/v1/subscription/cancel", t -> "/v1/subscription/cancel",
                    t -> ApiClient.object("at_period_end", true), Set.of(), false, true),
            new BodyRoute("POST", "/v1/payments/{id}/refund",
                    t -> "/v1/payments/" + BillingFixtures.succeededPayment(t) + "/refund",
                    t -> ApiClient.object("amount", 100, "reason", "goodwill"), Set.of(), false, true),
            route("POST", "/v1/billing/payment_method/checkout_session", t -> ApiClient.object(
                    "success_url", "https://app.example.com/billing/done", "cancel_url", "https://app.example.com/billing"),
                    Set.of("success_url", "cancel_url")),
            new BodyRoute("POST", "/v1/admin/plans", t -> {
                BillingFixtures.platformAdmin(t);
                return "/v1/admin/plans";
            }, t -> ApiClient.object("code", "bad-input", "name", "Bad Input", "price_month", 100, "price_year", 1000,
                    "quotas", ApiClient.object("requests_per_hour", 10, "requests_per_day", 100, "burst_per_second", 1)),
                    Set.of("code", "name", "price_month", "price_year", "quotas"), false, false),
            new BodyRoute("PATCH", "/v1/admin/plans/{id}", t -> {
                BillingFixtures.platformAdmin(t);
                return "/v1/admin/plans/" + BillingFixtures.extraPlan();
            }, t -> ApiClient.object("name", "renamed"), Set.of(), false, false));

    private static final List<BodyRoute> SECURITY = List.of(
            route("POST", "/v1/me/2fa/enable", t -> ApiClient.object("code", "123456"), Set.of("code")),
            route("POST", "/v1/me/2fa/disable", t -> ApiClient.object("password", Tenants.PASSWORD, "code", "123456"),
                    Set.of("password", "code")),
            route("POST", "/v1/me/password", t -> ApiClient.object("current_password", Tenants.PASSWORD,
                    "new_password", "another long passphrase"), Set.of("current_password", "new_password")),
            route("POST", "/v1/me/email", t -> ApiClient.object("email", "moved@example.com", "password", Tenants.PASSWORD),
                    Set.of("email", "password")),
            open("POST", "/v1/auth/password/forgot", t -> ApiClient.object("email", t.email()), Set.of("email")),
            open("POST", "/v1/auth/password/reset", t -> ApiClient.object("token", "from-the-mail",
                    "password", "another long passphrase"), Set.of("token", "password")),
            open("POST", "/v1/auth/email/verify", t -> ApiClient.object("token", "from-the-mail"), Set.of("token")),
            route("PATCH", "/v1/org/security", t -> ApiClient.object("require_two_factor", false), Set.of("require_two_factor")),
            route("POST", "/v1/org/invitations", t -> ApiClient.object("email", "invitee@example.com", "role", "developer"),
                    Set.of("email", "role")),
            open("POST", "/v1/invitations/accept", t -> ApiClient.object("token", "inv_1_from-the-mail",
                    "password", Tenants.PASSWORD, "name", "New Member"), Set.of("token", "password")));

    public static final List<BodyRoute> ALL = java.util.stream.Stream.of(FOUNDATION, RENTALS, WEBHOOKS, BILLING, SECURITY)
            .flatMap(List::stream).toList();
}
