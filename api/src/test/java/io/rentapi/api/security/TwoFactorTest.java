package io.rentapi.api.security;

import static io.rentapi.api.support.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.MutableClock;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** TOTP two-factor authentication, checked with codes computed by the test from RFC 6238, on an instance whose time the test sets. */
@ExtendWith(TestApp.class)
class TwoFactorTest {
    private static MutableClock clock;
    private static TestApp.Running timed;

    @BeforeAll
    static void start() {
        // running, never behind real time: tokens the suite's instance issues must not be from its future
        clock = MutableClock.running();
        timed = TestApp.withClock(clock);
    }

    @AfterAll
    static void stop() {
        timed.close();
    }

    private static ApiClient api() {
        return timed.api();
    }

    private static String codeNow(String secret) {
        return Rfc6238.code(Rfc6238.base32(secret), Totp.stepOf(clock.instant()), 6);
    }

    private static ApiResponse login(Tenant t, String code) {
        return api().post("/v1/auth/login", null, code == null ? object("email", t.email(), "password", Tenants.PASSWORD)
                : object("email", t.email(), "password", Tenants.PASSWORD, "totp_code", code));
    }

    /** Sets 2FA up and turns it on; answers the secret and the code that enabled it, and fills in the backup codes. */
    private static String[] enable(Tenant t, List<String> backupCodes) {
        ApiResponse setup = api().post("/v1/me/2fa/setup", t.accessToken(), null);
        assertThat(setup.status()).as(setup.toString()).isEqualTo(200);
        String secret = setup.json().get("secret").asText();
        String code = codeNow(secret);
        ApiResponse enabled = api().post("/v1/me/2fa/enable", t.accessToken(), object("code", code));
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        enabled.json().get("backup_codes").forEach(c -> backupCodes.add(c.asText()));
        return new String[] {secret, code};
    }

    @Test
    void setupAnswersTheSecretItsUriAndAQrCodeAndStoresTheSecretEncrypted() {
        Tenant t = Tenants.register();
        JsonNode setup = api().post("/v1/me/2fa/setup", t.accessToken(), null).json();
        String secret = setup.get("secret").asText();
        assertThat(setup.get("otpauth_uri").asText()).startsWith("otpauth://totp/").contains("secret=" + secret);
        byte[] png = java.util.Base64.getDecoder().decode(setup.get("qr_code_png").asText());
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        String stored = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT secret_encrypted FROM two_factor WHERE user_id = :u")
                .bind("u", t.userId()).mapTo(String.class).one());
        assertThat(stored).startsWith("v1:").doesNotContain(secret);

        ApiResponse wrong = api().post("/v1/me/2fa/enable", t.accessToken(), object("code", "000000".equals(codeNow(secret)) ? "111111" : "000000"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(login(t, null).status()).as("not on until a code confirms it").isEqualTo(200);
    }

    @Test
    void logInNeedsACurrentCodeAndNoCodeWorksTwice() {
        Tenant t = Tenants.register();
        List<String> backup = new ArrayList<>();
        String[] enabled = enable(t, backup);
        String secret = enabled[0];

        ApiResponse without = login(t, null);
        assertThat(without.status()).isEqualTo(401);
        assertThat(without.code()).isEqualTo("2fa_required");
        assertThat(without.contentType()).startsWith("application/problem+json");

        ApiResponse replayOfEnable = login(t, enabled[1]);
        assertThat(replayOfEnable.code()).as("the code that enabled 2FA is spent").isEqualTo("invalid_two_factor_code");

        clock.advance(Duration.ofSeconds(Totp.PERIOD_SECONDS));
        long step = Totp.stepOf(clock.instant());
        String code = Rfc6238.code(Rfc6238.base32(secret), step, 6);
        ApiResponse ok = login(t, code);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        ApiResponse replay = login(t, code);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.code()).isEqualTo("invalid_two_factor_code");

        String olderStep = Rfc6238.code(Rfc6238.base32(secret), step - 1, 6);
        assertThat(login(t, olderStep).code()).as("an older step than the last accepted").isEqualTo("invalid_two_factor_code");
        clock.advance(Duration.ofSeconds(Totp.PERIOD_SECONDS));
        assertThat(login(t, codeNow(secret)).status()).isEqualTo(200);
    }

    @Test
    void concurrentLogInsWithOneCodeLetExactlyOneIn() throws Exception {
        Tenant t = Tenants.register();
        String secret = enable(t, new ArrayList<>())[0];
        clock.advance(Duration.ofSeconds(Totp.PERIOD_SECONDS));
        String code = codeNow(secret);
        int racers = 6;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return login(t, code).status();
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (var answer : answers) {
            statuses.add(answer.get());
        }
        pool.shutdown();
        assertThat(statuses).containsOnly(200, 401).filteredOn(s -> s == 200).hasSize(1);
    }

    @Test
    void backupCodesAreTenDistinctAndEachWorksOnce() {
        Tenant t = Tenants.register();
        List<String> backup = new ArrayList<>();
        enable(t, backup);
        assertThat(backup).hasSize(10).allMatch(c -> c.matches("[a-z2-9]{5}-[a-z2-9]{5}"));
        assertThat(new HashSet<>(backup)).hasSize(10);
        assertThat(api().get("/v1/me", t.accessToken()).json().get("two_factor_enabled").asBoolean()).isTrue();
        List<String> stored = TestApp.jdbi().withHandle(h -> h.createQuery(
                "SELECT code_hash FROM two_factor_backup_codes WHERE user_id = :u").bind("u", t.userId()).mapTo(String.class).list());
        assertThat(stored).hasSize(10).noneMatch(backup::contains);

        assertThat(login(t, backup.get(3).toUpperCase()).status()).isEqualTo(200);
        assertThat(login(t, backup.get(3)).code()).isEqualTo("invalid_two_factor_code");
        assertThat(login(t, backup.get(4).replace("-", "")).status()).isEqualTo(200);
    }

    @Test
    void disablingNeedsThePasswordAndACode() {
        Tenant t = Tenants.register();
        List<String> backup = new ArrayList<>();
        String secret = enable(t, backup)[0];
        clock.advance(Duration.ofSeconds(Totp.PERIOD_SECONDS));
        assertThat(api().post("/v1/me/2fa/disable", t.accessToken(),
                object("password", "not the password", "code", codeNow(secret))).status()).isEqualTo(422);
        assertThat(api().post("/v1/me/2fa/disable", t.accessToken(),
                object("password", Tenants.PASSWORD, "code", "12345x")).status()).isEqualTo(422);
        assertThat(api().post("/v1/me/2fa/disable", t.accessToken(),
                object("password", Tenants.PASSWORD, "code", codeNow(secret))).status()).isEqualTo(204);
        assertThat(login(t, null).status()).isEqualTo(200);
        assertThat(api().post("/v1/me/2fa/disable", t.accessToken(),
                object("password", Tenants.PASSWORD, "code", codeNow(secret))).code()).isEqualTo("two_factor_not_set_up");
    }

    @Test
    void anOrganizationRequiringTwoFactorStopsMembersWithoutItUntilTheySetItUp() {
        Tenant owner = Tenants.register();
        Tenant member = Tenants.addMember(owner, "developer");
        Tenants.Key key = Tenants.apiKey(owner, "org:read");

        ApiResponse premature = api().patch("/v1/org/security", owner.accessToken(), object("require_two_factor", true));
        assertThat(premature.status()).isEqualTo(403);
        assertThat(premature.code()).isEqualTo("two_factor_enrollment_required");
        enable(owner, new ArrayList<>());
        ApiResponse required = api().patch("/v1/org/security", owner.accessToken(), object("require_two_factor", true));
        assertThat(required.status()).as(required.toString()).isEqualTo(200);
        assertThat(required.json().get("require_two_factor").asBoolean()).isTrue();

        ApiResponse blocked = api().get("/v1/org", member.accessToken());
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.code()).isEqualTo("two_factor_enrollment_required");
        assertThat(api().get("/v1/me", member.accessToken()).status()).isEqualTo(200);
        assertThat(api().get("/v1/org", owner.accessToken()).status()).isEqualTo(200);
        assertThat(api().get("/v1/org", key.secret()).status()).as("keys are not people").isEqualTo(200);

        enable(member, new ArrayList<>());
        assertThat(api().get("/v1/org", member.accessToken()).status()).isEqualTo(200);
    }
}
