package io.rentapi.api.security;

import static io.rentapi.api.support.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.Mailbox;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(TestApp.class)
class PasswordAndEmailTest {
    @RegisterExtension
    static final Mailbox MAILBOX = new Mailbox();

    private static final String NEW_PASSWORD = "a brand new passphrase 42";

    @Test
    void aForgottenPasswordIsResetThroughTheMailedLinkOnce() {
        Tenant tenant = Tenants.register();
        ApiResponse forgot = TestApp.api().post("/v1/auth/password/forgot", null, object("email", tenant.email().toUpperCase()));
        assertThat(forgot.status()).isEqualTo(202);

        MimeMessage mail = MAILBOX.only(tenant.email(), "Reset your rentapi password");
        assertThat(Mailbox.part(mail, "text/html")).contains("<a href=\"http://app.test/reset-password?token=");
        assertThat(Mailbox.part(mail, "text/plain")).contains("expires in 1 hour");
        String token = Mailbox.linkToken(mail);

        ApiResponse weak = TestApp.api().post("/v1/auth/password/reset", null, object("token", token, "password", "short"));
        assertThat(weak.status()).isEqualTo(422);
        ApiResponse reset = TestApp.api().post("/v1/auth/password/reset", null, object("token", token, "password", NEW_PASSWORD));
        assertThat(reset.status()).as(reset.toString()).isEqualTo(204);

        assertThat(login(tenant.email(), Tenants.PASSWORD).code()).isEqualTo("invalid_credentials");
        assertThat(login(tenant.email(), NEW_PASSWORD).status()).isEqualTo(200);
        ApiResponse again = TestApp.api().post("/v1/auth/password/reset", null, object("token", token, "password", "another passphrase 7"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.code()).isEqualTo("invalid_account_token");
        assertThat(TestApp.api().post("/v1/auth/refresh", null, object("refresh_token", tenant.refreshToken())).code())
                .as("a reset ends every session").isEqualTo("invalid_refresh_token");
        assertThat(MAILBOX.only(tenant.email(), "password was changed")).isNotNull();
    }

    @Test
    void aNewerResetLinkRetiresTheOlderOneAndLinksAreSentAtMostOnceAMinute() {
        Tenant tenant = Tenants.register();
        TestApp.api().post("/v1/auth/password/forgot", null, object("email", tenant.email()));
        MAILBOX.deliver();
        String first = Mailbox.linkToken(MAILBOX.to(tenant.email()).stream()
                .filter(m -> Mailbox.subject(m).contains("Reset")).findFirst().orElseThrow());
        assertThat(TestApp.api().post("/v1/auth/password/forgot", null, object("email", tenant.email())).status()).isEqualTo(202);
        MAILBOX.deliver();
        assertThat(MAILBOX.to(tenant.email()).stream().filter(m -> Mailbox.subject(m).contains("Reset"))).hasSize(1);
        TestApp.jdbi().useHandle(h -> h.createUpdate(
                "UPDATE account_tokens SET created_at = created_at - interval '2 minutes' WHERE user_id = :u")
                .bind("u", tenant.userId()).execute());
        TestApp.api().post("/v1/auth/password/forgot", null, object("email", tenant.email()));
        MAILBOX.deliver();
        assertThat(MAILBOX.to(tenant.email()).stream().filter(m -> Mailbox.subject(m).contains("Reset"))).hasSize(2);
        assertThat(TestApp.api().post("/v1/auth/password/reset", null, object("token", first, "password", NEW_PASSWORD)).code())
                .isEqualTo("invalid_account_token");
    }

    @Test
    void forgettingAnUnknownAddressLooksTheSameAndSendsNothing() {
        String nobody = "nobody-" + UUID.randomUUID() + "@example.com";
        ApiResponse forgot = TestApp.api().post("/v1/auth/password/forgot", null, object("email", nobody));
        assertThat(forgot.status()).isEqualTo(202);
        MAILBOX.deliver();
        assertThat(MAILBOX.to(nobody)).isEmpty();
        assertThat(TestApp.api().post("/v1/auth/password/reset", null, object("token", "made-up", "password", NEW_PASSWORD)).code())
                .isEqualTo("invalid_account_token");
    }

    @Test
    void changingThePasswordEndsOtherSessionsAndKeepsThisOne() {
        Tenant tenant = Tenants.register();
        String otherSession = login(tenant.email(), Tenants.PASSWORD).json().get("refresh_token").asText();
        ApiResponse wrong = TestApp.api().post("/v1/me/password", tenant.accessToken(),
                object("current_password", "not my password", "new_password", NEW_PASSWORD));
        assertThat(wrong.status()).isEqualTo(422);
        ApiResponse changed = TestApp.api().post("/v1/me/password", tenant.accessToken(),
                object("current_password", Tenants.PASSWORD, "new_password", NEW_PASSWORD));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(TestApp.api().post("/v1/auth/refresh", null, object("refresh_token", otherSession)).code())
                .isEqualTo("invalid_refresh_token");
        assertThat(TestApp.api().post("/v1/auth/refresh", null,
                object("refresh_token", changed.json().get("refresh_token").asText())).status()).isEqualTo(200);
        assertThat(login(tenant.email(), NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void anUnverifiedPersonLogsInButCreatesNoApiKeyUntilTheLinkIsFollowed() {
        Tenant tenant = Tenants.registerUnverified();
        assertThat(login(tenant.email(), Tenants.PASSWORD).status()).isEqualTo(200);
        assertThat(TestApp.api().get("/v1/me", tenant.accessToken()).json().get("email_verified").asBoolean()).isFalse();
        ApiResponse refused = TestApp.api().post("/v1/api_keys", tenant.accessToken(),
                object("name", "ci", "scopes", List.of("org:read")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("email_not_verified");

        MimeMessage mail = MAILBOX.only(tenant.email(), "Verify your e-mail address");
        assertThat(Mailbox.part(mail, "text/plain")).contains(tenant.email());
        String token = Mailbox.linkToken(mail);
        assertThat(TestApp.api().post("/v1/auth/email/verify", null, object("token", token)).status()).isEqualTo(204);
        assertThat(TestApp.api().post("/v1/auth/email/verify", null, object("token", token)).code())
                .as("single use").isEqualTo("invalid_account_token");
        assertThat(TestApp.api().post("/v1/api_keys", tenant.accessToken(),
                object("name", "ci", "scopes", List.of("org:read"))).status()).isEqualTo(201);
        assertThat(TestApp.api().get("/v1/me", tenant.accessToken()).json().get("email_verified").asBoolean()).isTrue();
    }

    @Test
    void aNewAddressTakesEffectOnlyWhenItsLinkIsFollowed() {
        Tenant tenant = Tenants.register();
        String newAddress = "moved-" + UUID.randomUUID() + "@example.com";
        ApiResponse requested = TestApp.api().post("/v1/me/email", tenant.accessToken(),
                object("email", newAddress, "password", Tenants.PASSWORD));
        assertThat(requested.status()).isEqualTo(202);
        assertThat(TestApp.api().get("/v1/me", tenant.accessToken()).json().get("email").asText()).isEqualTo(tenant.email());

        String token = Mailbox.linkToken(MAILBOX.only(newAddress, "Verify your e-mail address"));
        assertThat(TestApp.api().post("/v1/auth/email/verify", null, object("token", token)).status()).isEqualTo(204);
        assertThat(TestApp.api().get("/v1/me", tenant.accessToken()).json().get("email").asText()).isEqualTo(newAddress);
        assertThat(login(newAddress, Tenants.PASSWORD).status()).isEqualTo(200);
        assertThat(login(tenant.email(), Tenants.PASSWORD).code()).isEqualTo("invalid_credentials");
    }

    @Test
    void resendingTheVerificationLinkRetiresTheEarlierOne() {
        Tenant tenant = Tenants.registerUnverified();
        MAILBOX.deliver();
        String first = Mailbox.linkToken(MAILBOX.to(tenant.email()).get(0));
        assertThat(TestApp.api().post("/v1/me/email/verification", tenant.accessToken(), null).status()).isEqualTo(202);
        MAILBOX.deliver();
        assertThat(MAILBOX.to(tenant.email())).hasSize(2);
        assertThat(TestApp.api().post("/v1/auth/email/verify", null, object("token", first)).code())
                .isEqualTo("invalid_account_token");
        String second = Mailbox.linkToken(MAILBOX.to(tenant.email()).get(1));
        assertThat(TestApp.api().post("/v1/auth/email/verify", null, object("token", second)).status()).isEqualTo(204);
    }

    static ApiResponse login(String email, String password) {
        return TestApp.api().post("/v1/auth/login", null, object("email", email, "password", password));
    }
}
