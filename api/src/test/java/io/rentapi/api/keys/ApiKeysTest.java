package io.rentapi.api.keys;

import static io.rentapi.api.support.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Key;
import io.rentapi.api.support.Tenants.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestApp.class)
class ApiKeysTest {
    @Test
    void aKeyIsShownOnceAndThenOnlyRedacted() {
        Tenant owner = Tenants.register();
        ApiResponse created = TestApp.api().post("/v1/api_keys", owner.accessToken(),
                object("name", "ci", "scopes", List.of("rentals:read", "org:read")));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().get("secret").asText();
        assertThat(secret).matches("sk_test_[0-9A-Za-z]{50}");
        assertThat(ApiKeySecrets.wellFormed(secret)).isTrue();
        assertThat(created.json().get("redacted").asText()).isEqualTo("sk_test_…" + secret.substring(secret.length() - 4));

        long id = created.json().get("id").asLong();
        ApiResponse fetched = TestApp.api().get("/v1/api_keys/" + id, owner.accessToken());
        assertThat(fetched.json().has("secret")).isFalse();
        assertThat(fetched.json().get("status").asText()).isEqualTo("active");
        assertThat(TestApp.api().get("/v1/api_keys", owner.accessToken()).text()).doesNotContain(secret);
        String stored = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT key_hash FROM api_keys WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
        assertThat(stored).isEqualTo(ApiKeySecrets.sha256(secret)).doesNotContain(secret);
    }

    @Test
    void aKeyActsForItsOrganizationWithExactlyItsScopes() {
        Tenant owner = Tenants.register();
        Key key = Tenants.apiKey(owner, "org:read", "members:read");

        JsonNode ping = TestApp.api().call("GET", "/v1/ping").header("X-API-Key", key.secret()).send().json();
        assertThat(ping.get("organization_id").asLong()).isEqualTo(owner.orgId().value());
        assertThat(ping.get("api_key_id").asLong()).isEqualTo(key.id());
        assertThat(ping.get("scopes")).extracting(JsonNode::asText).containsExactly("members:read", "org:read");

        assertThat(TestApp.api().get("/v1/org", key.secret()).status()).isEqualTo(200);
        assertThat(TestApp.api().get("/v1/org/members", key.secret()).status()).isEqualTo(200);
        ApiResponse denied = TestApp.api().patch("/v1/org", key.secret(), object("name", "Renamed by a key"));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("permission_denied");
        assertThat(denied.contentType()).startsWith("application/problem+json");
        ApiResponse people = TestApp.api().get("/v1/me", key.secret());
        assertThat(people.status()).isEqualTo(403);
        assertThat(people.code()).isEqualTo("people_only");
    }

    @Test
    void aKeyNeverExceedsItsCreatorsRole() {
        Tenant owner = Tenants.register();
        Tenant developer = Tenants.addMember(owner, "developer");
        ApiResponse tooMuch = TestApp.api().post("/v1/api_keys", developer.accessToken(),
                object("name", "greedy", "scopes", List.of("rentals:read", "members:manage", "no:such")));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("scopes[1]", "scopes[2]");

        Key key = Tenants.apiKey(developer, "webhooks:manage", "org:read");
        assertThat(TestApp.api().get("/v1/org", key.secret()).status()).isEqualTo(200);
        TestApp.api().patch("/v1/org/members/" + developer.userId(), owner.accessToken(), object("role", "billing"));
        await(() -> TestApp.api().call("GET", "/v1/ping").header("X-API-Key", key.secret()).send().json()
                .get("scopes").toString().equals("[\"org:read\"]"), Duration.ofSeconds(8));
        TestApp.api().delete("/v1/org/members/" + developer.userId(), owner.accessToken());
        await(() -> "api_key_revoked".equals(TestApp.api().get("/v1/org", key.secret()).code()), Duration.ofSeconds(8));
    }

    @Test
    void malformedUnknownAndTamperedKeysAreRefused() {
        Tenant owner = Tenants.register();
        Key key = Tenants.apiKey(owner, "org:read");
        String tampered = key.secret().substring(0, 20) + (key.secret().charAt(20) == 'a' ? 'b' : 'a') + key.secret().substring(21);
        String unknown = ApiKeySecrets.generate(ApiKeySecrets.TEST).value();
        for (String bad : List.of("sk_test_short", tampered, unknown, "sk_live_" + "x".repeat(50))) {
            ApiResponse response = TestApp.api().get("/v1/org", bad);
            assertThat(response.status()).as(bad).isEqualTo(401);
            assertThat(response.code()).isEqualTo("invalid_api_key");
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void anAllowlistAdmitsOnlyItsAddressesAndTrustsOnlyConfiguredProxies() {
        Tenant owner = Tenants.register();
        long id = TestApp.api().post("/v1/api_keys", owner.accessToken(), object("name", "office", "scopes",
                List.of("org:read"), "allowed_ips", List.of("10.1.0.0/16", "2001:db8::/32"))).json().get("id").asLong();
        String secret = TestApp.api().post("/v1/api_keys/" + id + "/rotate", owner.accessToken(),
                object("grace_period_seconds", 0)).json().get("secret").asText();

        ApiResponse direct = TestApp.api().get("/v1/org", secret);
        assertThat(direct.status()).isEqualTo(403);
        assertThat(direct.code()).isEqualTo("api_key_ip_not_allowed");
        assertThat(direct.contentType()).startsWith("application/problem+json");
        ApiResponse viaProxy = TestApp.api().call("GET", "/v1/org").token(secret)
                .header("X-Forwarded-For", "10.1.2.3").send();
        assertThat(viaProxy.status()).as("127.0.0.1 is a trusted proxy in the test configuration").isEqualTo(200);
        ApiResponse ipv6 = TestApp.api().call("GET", "/v1/org").token(secret)
                .header("X-Forwarded-For", "2001:db8:1::7").send();
        assertThat(ipv6.status()).isEqualTo(200);
        ApiResponse spoofed = TestApp.api().call("GET", "/v1/org").token(secret)
                .header("X-Forwarded-For", "10.1.2.3, 192.0.2.44").send();
        assertThat(spoofed.status()).as("the address the proxy saw, not the one the client wrote first").isEqualTo(403);

        ApiResponse badList = TestApp.api().post("/v1/api_keys", owner.accessToken(),
                object("name", "bad", "scopes", List.of("org:read"), "allowed_ips", List.of("10.0.0.0/33", "example.com")));
        assertThat(badList.status()).isEqualTo(422);
        assertThat(badList.json().get("errors").get(0).get("field").asText()).isEqualTo("allowed_ips[0]");
    }

    @Test
    void anExpiredKeyIsRefusedWithItsOwnCode() throws InterruptedException {
        Tenant owner = Tenants.register();
        ApiResponse past = TestApp.api().post("/v1/api_keys", owner.accessToken(), object("name", "old",
                "scopes", List.of("org:read"), "expires_at", Instant.now().minusSeconds(5).toString()));
        assertThat(past.status()).isEqualTo(422);
        String secret = TestApp.api().post("/v1/api_keys", owner.accessToken(), object("name", "short-lived",
                "scopes", List.of("org:read"), "expires_at", Instant.now().plusMillis(1500).toString()))
                .json().get("secret").asText();
        assertThat(TestApp.api().get("/v1/org", secret).status()).isEqualTo(200);
        Thread.sleep(1700);
        ApiResponse expired = TestApp.api().get("/v1/org", secret);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.code()).isEqualTo("api_key_expired");
        assertThat(expired.contentType()).startsWith("application/problem+json");
    }

    @Test
    void rotationKeepsTheOldSecretForTheGracePeriodOnly() {
        Tenant owner = Tenants.register();
        Key key = Tenants.apiKey(owner, "org:read");
        ApiResponse rotated = TestApp.api().post("/v1/api_keys/" + key.id() + "/rotate", owner.accessToken(),
                object("grace_period_seconds", 3600));
        assertThat(rotated.status()).isEqualTo(200);
        String second = rotated.json().get("secret").asText();
        assertThat(rotated.json().get("previous_secret_expires_at").asText()).isNotEmpty();
        assertThat(TestApp.api().get("/v1/org", key.secret()).status()).as("old secret in its grace period").isEqualTo(200);
        assertThat(TestApp.api().get("/v1/org", second).status()).isEqualTo(200);

        String third = TestApp.api().post("/v1/api_keys/" + key.id() + "/rotate", owner.accessToken(),
                object("grace_period_seconds", 0)).json().get("secret").asText();
        assertThat(TestApp.api().get("/v1/org", key.secret()).code()).isEqualTo("invalid_api_key");
        assertThat(TestApp.api().get("/v1/org", second).code()).as("grace 0 ends it now").isEqualTo("api_key_revoked");
        assertThat(TestApp.api().get("/v1/org", third).status()).isEqualTo(200);
    }

    @Test
    void viewersAndBillingMembersCannotCreateChangeRotateOrRevokeKeys() {
        Tenant owner = Tenants.register();
        Key key = Tenants.apiKey(owner, "org:read");
        for (String role : List.of("viewer", "billing")) {
            Tenant member = Tenants.addMember(owner, role);
            List<ApiResponse> answers = List.of(
                    TestApp.api().post("/v1/api_keys", member.accessToken(), object("name", "x", "scopes", List.of("org:read"))),
                    TestApp.api().patch("/v1/api_keys/" + key.id(), member.accessToken(), object("name", "renamed")),
                    TestApp.api().post("/v1/api_keys/" + key.id() + "/rotate", member.accessToken(), object()),
                    TestApp.api().delete("/v1/api_keys/" + key.id(), member.accessToken()));
            for (ApiResponse answer : answers) {
                assertThat(answer.status()).as(role + ": " + answer).isEqualTo(403);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.code()).isEqualTo("permission_denied");
            }
        }
        ApiResponse unchanged = TestApp.api().get("/v1/api_keys/" + key.id(), owner.accessToken());
        assertThat(unchanged.json().get("name").asText()).isEqualTo("test key");
        assertThat(unchanged.json().get("status").asText()).isEqualTo("active");
        assertThat(unchanged.json().has("rotated_at")).isFalse();
        assertThat(TestApp.api().get("/v1/org", key.secret()).status()).isEqualTo(200);
    }

    @Test
    void changesToScopesAllowedAddressesAndLimitsApplyToTheNextCall() {
        Tenant owner = Tenants.register();
        Tenants.subscribe(owner.orgId(), "free");
        Key key = Tenants.apiKey(owner, "org:read", "members:read");
        String path = "/v1/api_keys/" + key.id();
        assertThat(TestApp.api().get("/v1/org/members", key.secret()).status()).isEqualTo(200);

        assertThat(TestApp.api().patch(path, owner.accessToken(), object("scopes", List.of("org:read"))).status())
                .isEqualTo(200);
        ApiResponse narrowed = TestApp.api().get("/v1/org/members", key.secret());
        assertThat(narrowed.status()).isEqualTo(403);
        assertThat(narrowed.code()).isEqualTo("permission_denied");
        assertThat(TestApp.api().get("/v1/org", key.secret()).status()).isEqualTo(200);

        assertThat(TestApp.api().patch(path, owner.accessToken(), object("allowed_ips", List.of("10.1.0.0/16"))).status())
                .isEqualTo(200);
        assertThat(TestApp.api().get("/v1/org", key.secret()).code()).isEqualTo("api_key_ip_not_allowed");
        assertThat(TestApp.api().patch(path, owner.accessToken(), object("allowed_ips", List.of())).status())
                .isEqualTo(200);
        assertThat(TestApp.api().get("/v1/org", key.secret()).status()).isEqualTo(200);

        long planHourly = Long.parseLong(TestApp.api().get("/v1/org", key.secret()).header("RateLimit-Policy")
                .replaceAll(".*\"hour\";q=(\\d+).*", "$1"));
        ApiResponse lowered = TestApp.api().patch(path, owner.accessToken(),
                object("rate_limit", object("requests_per_hour", planHourly - 1)));
        assertThat(lowered.status()).isEqualTo(200);
        assertThat(TestApp.api().get("/v1/org", key.secret()).header("RateLimit-Policy"))
                .contains("\"hour\";q=" + (planHourly - 1) + ";");
        ApiResponse aboveThePlan = TestApp.api().patch(path, owner.accessToken(),
                object("rate_limit", object("requests_per_hour", planHourly + 1)));
        assertThat(aboveThePlan.status()).isEqualTo(422);
        assertThat(aboveThePlan.json().get("errors").get(0).get("field").asText()).isEqualTo("rate_limit.requests_per_hour");
        assertThat(TestApp.api().get("/v1/org", key.secret()).header("RateLimit-Policy"))
                .as("the refused change changed nothing").contains("\"hour\";q=" + (planHourly - 1) + ";");
    }

    @Test
    void rotationWithoutABodyKeepsTheOldSecretFor24Hours() {
        Tenant owner = Tenants.register();
        Key key = Tenants.apiKey(owner, "org:read");
        ApiResponse rotated = TestApp.api().call("POST", "/v1/api_keys/" + key.id() + "/rotate")
                .token(owner.accessToken()).send();
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        Instant rotatedAt = Instant.parse(rotated.json().get("rotated_at").asText());
        Instant graceEnds = Instant.parse(rotated.json().get("previous_secret_expires_at").asText());
        assertThat(Duration.between(rotatedAt, graceEnds)).isEqualTo(Duration.ofHours(24));
        assertThat(TestApp.api().get("/v1/org", key.secret()).status()).isEqualTo(200);
        assertThat(TestApp.api().get("/v1/org", rotated.json().get("secret").asText()).status()).isEqualTo(200);
    }

    @Test
    void rotatingARevokedOrExpiredKeyIsAConflictAndIssuesNoSecret() {
        Tenant owner = Tenants.register();
        Key revoked = Tenants.apiKey(owner, "org:read");
        TestApp.api().delete("/v1/api_keys/" + revoked.id(), owner.accessToken());
        ApiResponse rotateRevoked = TestApp.api().post("/v1/api_keys/" + revoked.id() + "/rotate", owner.accessToken(), null);
        assertThat(rotateRevoked.status()).isEqualTo(409);
        assertThat(rotateRevoked.code()).isEqualTo("api_key_inactive");

        Key expired = Tenants.apiKey(owner, "org:read");
        TestApp.jdbi().useHandle(h -> h.createUpdate("UPDATE api_keys SET expires_at = :at WHERE id = :id")
                .bind("at", Instant.now().minusSeconds(60)).bind("id", expired.id()).execute());
        String hashBefore = keyHash(expired.id());
        ApiResponse rotateExpired = TestApp.api().post("/v1/api_keys/" + expired.id() + "/rotate", owner.accessToken(), null);
        assertThat(rotateExpired.status()).isEqualTo(409);
        assertThat(rotateExpired.code()).isEqualTo("api_key_inactive");
        assertThat(rotateExpired.contentType()).startsWith("application/problem+json");
        assertThat(rotateExpired.json().has("secret")).isFalse();
        assertThat(keyHash(expired.id())).isEqualTo(hashBefore);
    }

    @Test
    void concurrentRotationsLeaveOnlyTheLastSecretWorking() throws Exception {
        Tenant owner = Tenants.register();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 15; round++) {
                Key key = Tenants.apiKey(owner, "org:read");
                assertThat(TestApp.api().get("/v1/org", key.secret()).status()).as("cached").isEqualTo(200);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<String>> rotations = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    rotations.add(pool.submit(() -> {
                        start.await();
                        ApiResponse rotated = TestApp.api().post("/v1/api_keys/" + key.id() + "/rotate",
                                owner.accessToken(), object("grace_period_seconds", 0));
                        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
                        // each secret is used at once, so the cache holds it when the other rotation lands
                        TestApp.api().get("/v1/org", rotated.json().get("secret").asText());
                        return rotated.json().get("secret").asText();
                    }));
                }
                List<String> secrets = new ArrayList<>();
                for (Future<String> rotation : rotations) {
                    secrets.add(rotation.get(30, TimeUnit.SECONDS));
                }
                String current = keyHash(key.id());
                for (String secret : secrets) {
                    int status = TestApp.api().get("/v1/org", secret).status();
                    assertThat(status).as("round %d: only the secret stored last works", round)
                            .isEqualTo(ApiKeySecrets.sha256(secret).equals(current) ? 200 : 401);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String keyHash(long id) {
        return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT key_hash FROM api_keys WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    @Test
    void revocationIsSeenByAnotherInstanceWithinFiveSeconds() throws Exception {
        Tenant owner = Tenants.register();
        Key key = Tenants.apiKey(owner, "org:read");
        try (TestApp.Running other = TestApp.another()) {
            assertThat(other.api().get("/v1/org", key.secret()).status()).as("cached on the other instance").isEqualTo(200);
            assertThat(TestApp.api().get("/v1/org", key.secret()).status()).isEqualTo(200);
            ApiResponse revoked = TestApp.api().delete("/v1/api_keys/" + key.id(), owner.accessToken());
            assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");
            ApiResponse revokedKey = TestApp.api().get("/v1/org", key.secret());
            assertThat(revokedKey.code()).isEqualTo("api_key_revoked");
            assertThat(revokedKey.status()).isEqualTo(401);
            assertThat(revokedKey.contentType()).startsWith("application/problem+json");
            long started = System.nanoTime();
            await(() -> "api_key_revoked".equals(other.api().get("/v1/org", key.secret()).code()), Duration.ofSeconds(5));
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("revocation reached the other instance in %d ms%n", millis);
            assertThat(millis).as("pushed through Redis, not left to the 5 s cache expiry").isLessThan(2000);
        }
        ApiResponse patch = TestApp.api().patch("/v1/api_keys/" + key.id(), owner.accessToken(), object("name", "x"));
        assertThat(patch.status()).isEqualTo(409);
        assertThat(patch.code()).isEqualTo("api_key_inactive");
    }

    @Test
    void aKeysLimitsCannotExceedThePlan() {
        Tenant owner = Tenants.register();
        Tenants.subscribe(owner.orgId(), "free");
        ApiResponse response = TestApp.api().post("/v1/api_keys", owner.accessToken(), object("name", "big",
                "scopes", List.of("org:read"), "rate_limit", object("requests_per_hour", 1_000_000)));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("rate_limit.requests_per_hour");
    }

    @Test
    void usageIsCountedPerKeyAndStatusAndLastUseIsRecorded() {
        Tenant owner = Tenants.register();
        Key key = Tenants.apiKey(owner, "org:read");
        Instant firstHour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < 3; i++) {
            assertThat(TestApp.api().get("/v1/org", key.secret()).status()).isEqualTo(200);
        }
        assertThat(TestApp.api().get("/v1/org/members", key.secret()).status()).isEqualTo(403);
        Instant lastHour = Instant.now().truncatedTo(ChronoUnit.HOURS);

        await(() -> TestApp.api().get("/v1/api_keys/" + key.id() + "/usage", owner.accessToken()).json()
                .get("total").asLong() == 4, Duration.ofSeconds(10));
        JsonNode usage = TestApp.api().get("/v1/api_keys/" + key.id() + "/usage?granularity=hour", owner.accessToken()).json();
        assertThat(usage.get("data")).hasSize(24);
        // the calls fall in the hour they were made in (two hours if they straddled a boundary),
        // whichever hour it is when the usage is read
        List<JsonNode> made = new ArrayList<>();
        usage.get("data").forEach(bucket -> {
            Instant start = Instant.parse(bucket.get("start").asText());
            if (!start.isBefore(firstHour) && !start.isAfter(lastHour)) {
                made.add(bucket.get("by_status"));
            }
        });
        assertThat(made).hasSizeBetween(1, 2);
        assertThat(made.stream().mapToLong(b -> b.get("2xx").asLong()).sum()).isEqualTo(3);
        assertThat(made.stream().mapToLong(b -> b.get("4xx").asLong()).sum()).isEqualTo(1);
        JsonNode daily = TestApp.api().get("/v1/api_keys/" + key.id() + "/usage?granularity=day", owner.accessToken()).json();
        assertThat(daily.get("data")).hasSize(30);
        assertThat(daily.get("total").asLong()).isEqualTo(4);

        await(() -> !TestApp.api().get("/v1/api_keys/" + key.id(), owner.accessToken()).json().path("last_used_at").isMissingNode(),
                Duration.ofSeconds(10));
        await(() -> TestApp.api().get("/v1/usage", owner.accessToken()).json().get("total").asLong() >= 5, Duration.ofSeconds(10));

        for (String bad : List.of("granularity=week", "from=yesterday", "from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z")) {
            ApiResponse response = TestApp.api().get("/v1/usage?" + bad, owner.accessToken());
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.code()).isEqualTo("invalid_parameter");
        }
    }

    static void await(Supplier<Boolean> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("condition not met within " + timeout);
    }
}
