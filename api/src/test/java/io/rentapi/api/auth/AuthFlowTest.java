package io.rentapi.api.auth;

import static io.rentapi.api.support.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestApp.class)
class AuthFlowTest {
    @Test
    void registrationMakesTheCallerOwnerOfANewOrganization() {
        String email = "Mixed.Case-" + UUID.randomUUID() + "@Example.com";
        ApiResponse registered = TestApp.api().post("/v1/auth/register", null, object("email", email,
                "password", Tenants.PASSWORD, "name", "Ada", "organization_name", "Ada Rentals"));
        assertThat(registered.status()).isEqualTo(201);
        JsonNode tokens = registered.json();
        assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in").asLong()).isEqualTo(900);
        assertThat(tokens.get("refresh_token").asText()).startsWith("rt_" + tokens.get("organization_id").asLong() + "_");

        JsonNode me = TestApp.api().get("/v1/me", tokens.get("access_token").asText()).json();
        assertThat(me.get("email").asText()).isEqualTo(email.toLowerCase());
        assertThat(me.get("role").asText()).isEqualTo("owner");
        assertThat(me.get("organization_id").asLong()).isEqualTo(tokens.get("organization_id").asLong());
        assertThat(me.get("permissions")).hasSizeGreaterThanOrEqualTo(30);

        JsonNode org = TestApp.api().get("/v1/org", tokens.get("access_token").asText()).json();
        assertThat(org.get("name").asText()).isEqualTo("Ada Rentals");
    }

    @Test
    void theSameEmailCannotRegisterTwiceInAnyCase() {
        Tenant tenant = Tenants.register();
        ApiResponse again = TestApp.api().post("/v1/auth/register", null, object("email", tenant.email().toUpperCase(),
                "password", Tenants.PASSWORD, "name", "Copy", "organization_name", "Copy Org"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("email_taken");
    }

    @Test
    void weakPasswordsAreRefusedWithAFieldError() {
        ApiResponse response = TestApp.api().post("/v1/auth/register", null, object("email",
                "weak-" + UUID.randomUUID() + "@example.com", "password", "short", "name", "W", "organization_name", "W"));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("password");
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        Tenant tenant = Tenants.register();
        ApiResponse wrongPassword = TestApp.api().post("/v1/auth/login", null,
                object("email", tenant.email(), "password", "not the password at all"));
        ApiResponse unknownEmail = TestApp.api().post("/v1/auth/login", null,
                object("email", "nobody-" + UUID.randomUUID() + "@example.com", "password", "not the password at all"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        JsonNode a = wrongPassword.json();
        JsonNode b = unknownEmail.json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) a).remove("request_id");
        ((com.fasterxml.jackson.databind.node.ObjectNode) b).remove("request_id");
        assertThat(a).isEqualTo(b);
        assertThat(a.get("code").asText()).isEqualTo("invalid_credentials");
    }

    @Test
    void refreshRotatesAndAReusedTokenRevokesTheWholeSession() {
        Tenant tenant = Tenants.register();
        ApiResponse first = TestApp.api().post("/v1/auth/refresh", null, object("refresh_token", tenant.refreshToken()));
        assertThat(first.status()).isEqualTo(200);
        String second = first.json().get("refresh_token").asText();
        assertThat(second).isNotEqualTo(tenant.refreshToken());
        assertThat(TestApp.api().get("/v1/me", first.json().get("access_token").asText()).status()).isEqualTo(200);

        ApiResponse reuse = TestApp.api().post("/v1/auth/refresh", null, object("refresh_token", tenant.refreshToken()));
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.code()).isEqualTo("refresh_token_reused");

        ApiResponse afterReuse = TestApp.api().post("/v1/auth/refresh", null, object("refresh_token", second));
        assertThat(afterReuse.status()).as("the rotated token dies with its family").isEqualTo(401);
        assertThat(afterReuse.code()).isEqualTo("invalid_refresh_token");
    }

    @Test
    void logoutRevokesTheSession() {
        Tenant tenant = Tenants.register();
        assertThat(TestApp.api().post("/v1/auth/logout", null, object("refresh_token", tenant.refreshToken())).status())
                .isEqualTo(204);
        ApiResponse refresh = TestApp.api().post("/v1/auth/refresh", null, object("refresh_token", tenant.refreshToken()));
        assertThat(refresh.status()).isEqualTo(401);
        assertThat(refresh.code()).isEqualTo("invalid_refresh_token");
        assertThat(TestApp.api().post("/v1/auth/logout", null, object("refresh_token", "rt_1_unknown")).status())
                .as("unknown tokens reveal nothing").isEqualTo(204);
    }

    @Test
    void garbageRefreshTokensAreRefused() {
        for (String token : new String[] {"nonsense", "rt_0_" + "a".repeat(43), "rt_x_y", "rt_999999999_" + "a".repeat(43)}) {
            ApiResponse response = TestApp.api().post("/v1/auth/refresh", null, object("refresh_token", token));
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.code()).isEqualTo("invalid_refresh_token");
        }
    }

    @Test
    void aUserSwitchesBetweenTheirOrganizationsOnly() {
        Tenant tenant = Tenants.register();
        ApiResponse created = TestApp.api().post("/v1/orgs", tenant.accessToken(), object("name", "Second Branch"));
        assertThat(created.status()).isEqualTo(201);
        long second = created.json().get("id").asLong();

        ApiResponse switched = TestApp.api().post("/v1/auth/switch", tenant.accessToken(), object("organization_id", second));
        assertThat(switched.status()).isEqualTo(200);
        JsonNode me = TestApp.api().get("/v1/me", switched.json().get("access_token").asText()).json();
        assertThat(me.get("organization_id").asLong()).isEqualTo(second);

        JsonNode orgs = TestApp.api().get("/v1/orgs", tenant.accessToken()).json();
        assertThat(orgs.get("data")).hasSize(2);

        ApiResponse login = TestApp.api().post("/v1/auth/login", null,
                object("email", tenant.email(), "password", Tenants.PASSWORD, "organization_id", second));
        assertThat(login.json().get("organization_id").asLong()).isEqualTo(second);
    }

    @Test
    void requestsWithoutValidCredentialsAreRefused() {
        assertThat(TestApp.api().get("/v1/me", null).code()).isEqualTo("unauthenticated");
        assertThat(TestApp.api().get("/v1/me", "not-a-jwt").code()).isEqualTo("invalid_token");
        ApiResponse basic = TestApp.api().call("GET", "/v1/me").header("Authorization", "Basic dXNlcjpwYXNz").send();
        assertThat(basic.status()).isEqualTo(401);
        AccessTokens foreign = new AccessTokens("another-secret-0123456789-0123456789-012345",
                java.time.Duration.ofMinutes(5), java.time.Clock.systemUTC());
        Tenant tenant = Tenants.register();
        assertThat(TestApp.api().get("/v1/me", foreign.issue(tenant.userId(), tenant.orgId())).code())
                .as("a token signed with another key").isEqualTo("invalid_token");
    }

    @Test
    void anExpiredAccessTokenIsRefusedWithItsOwnCode() {
        Tenant tenant = Tenants.register();
        java.time.Clock past = java.time.Clock.fixed(java.time.Instant.now().minusSeconds(3600), java.time.ZoneOffset.UTC);
        AccessTokens expired = new AccessTokens("test-secret-0123456789-0123456789-0123456789",
                java.time.Duration.ofMinutes(15), past);
        ApiResponse response = TestApp.api().get("/v1/me", expired.issue(tenant.userId(), tenant.orgId()));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("token_expired");
    }
}
