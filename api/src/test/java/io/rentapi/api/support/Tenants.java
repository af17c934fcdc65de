package io.rentapi.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.UUID;

/** Organizations made for one test, through the API as a customer would sign up. */
public final class Tenants {
    public static final String PASSWORD = "correct horse battery staple";

    private Tenants() {
    }

    public record Tenant(OrgId orgId, long userId, String email, String accessToken, String refreshToken) {
    }

    public static Tenant register() {
        return register("org-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public static Tenant register(String organizationName) {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        ApiClient.ApiResponse response = TestApp.api().post("/v1/auth/register", null, ApiClient.object(
                "email", email, "password", PASSWORD, "name", "Test User", "organization_name", organizationName));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode body = response.json();
        subscribe(new OrgId(body.get("organization_id").asLong()), "enterprise");
        verifyEmail(body.get("user_id").asLong());
        return new Tenant(new OrgId(body.get("organization_id").asLong()), body.get("user_id").asLong(), email,
                body.get("access_token").asText(), body.get("refresh_token").asText());
    }

    /** Marks the address verified, as following the mailed link would; tests of verification itself do not call it. */
    public static void verifyEmail(long userId) {
        TestApp.jdbi().useHandle(h -> h.createUpdate("UPDATE users SET email_verified_at = :now WHERE id = :id")
                .bind("id", userId).bind("now", Instant.now()).execute());
    }

    /** A new account through the API, left exactly as sign-up leaves it (address not verified). */
    public static Tenant registerUnverified() {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        ApiClient.ApiResponse response = TestApp.api().post("/v1/auth/register", null, ApiClient.object(
                "email", email, "password", PASSWORD, "name", "Test User", "organization_name", "Unverified Org"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode body = response.json();
        subscribe(new OrgId(body.get("organization_id").asLong()), "enterprise");
        return new Tenant(new OrgId(body.get("organization_id").asLong()), body.get("user_id").asLong(), email,
                body.get("access_token").asText(), body.get("refresh_token").asText());
    }

    public record Key(long id, String secret) {
    }

    /** An API key of the tenant's organization with these scopes. */
    public static Key apiKey(Tenant tenant, String... scopes) {
        ApiClient.ApiResponse created = TestApp.api().post("/v1/api_keys", tenant.accessToken(),
                ApiClient.object("name", "test key", "scopes", java.util.List.of(scopes)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Key(created.json().get("id").asLong(), created.json().get("secret").asText());
    }

    /**
     * Puts the organization on a plan. Test organizations start on Enterprise, whose quotas no
     * test exhausts by accident; quota tests choose small plans of their own.
     */
    public static void subscribe(OrgId orgId, String planCode) {
        TestApp.jdbi().useHandle(h -> {
            h.createUpdate("UPDATE subscriptions SET status = 'canceled' WHERE org_id = :org").bind("org", orgId).execute();
            h.createUpdate("""
                    INSERT INTO subscriptions (org_id, plan_id, status, created_at, updated_at)
                    SELECT :org, id, 'active', :now, :now FROM plans WHERE code = :code
                    """).bind("org", orgId).bind("code", planCode).bind("now", Instant.now()).execute();
        });
    }

    /** A second person in the tenant's organization with the given role, logged in. */
    public static Tenant addMember(Tenant tenant, String role) {
        Tenant other = register();
        TestApp.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO memberships (org_id, user_id, role, created_at, updated_at)
                VALUES (:org, :user, :role, :now, :now)
                """).bind("org", tenant.orgId()).bind("user", other.userId()).bind("role", role)
                .bind("now", Instant.now()).execute());
        JsonNode tokens = TestApp.api().post("/v1/auth/login", null, ApiClient.object(
                "email", other.email(), "password", PASSWORD, "organization_id", tenant.orgId().value())).json();
        return new Tenant(tenant.orgId(), other.userId(), other.email(), tokens.get("access_token").asText(),
                tokens.get("refresh_token").asText());
    }
}
