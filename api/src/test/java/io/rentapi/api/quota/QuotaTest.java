package io.rentapi.api.quota;

import static io.rentapi.api.support.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.JarProcess;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Key;
import io.rentapi.api.support.Tenants.Tenant;
import io.rentapi.core.tenancy.OrgId;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

@ExtendWith(TestApp.class)
class QuotaTest {
    /** A plan of its own, so the numbers are small enough to exhaust. */
    private static String plan(long perHour, long perDay, long burst) {
        String code = "test-" + UUID.randomUUID().toString().substring(0, 8);
        TestApp.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO plans (code, name, requests_per_hour, requests_per_day, burst_per_second, created_at)
                VALUES (:code, 'Test', :hour, :day, :burst, :now)
                """).bind("code", code).bind("hour", perHour).bind("day", perDay).bind("burst", burst)
                .bind("now", Instant.now()).execute());
        return code;
    }

    private static void onPlan(OrgId orgId, String code) throws InterruptedException {
        Tenants.subscribe(orgId, code);
        Thread.sleep(1200); // the test configuration caches plans for 1 s
    }

    @Test
    void exhaustingThePlanGives429WithHeadersAndTheResourceIsNotReached() throws Exception {
        Tenant owner = Tenants.register();
        Key key = Tenants.apiKey(owner, "api_keys:manage", "api_keys:read");
        onPlan(owner.orgId(), plan(5, 50, 100));
        long keysBefore = keyCount(owner);

        for (int i = 0; i < 4; i++) {
            ApiResponse ok = TestApp.api().get("/v1/ping", key.secret());
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("X-RateLimit-Limit")).isEqualTo("5");
            assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
            assertThat(ok.header("RateLimit-Policy")).contains("\"hour\";q=5;w=3600").contains("\"day\";q=50;w=86400");
            assertThat(ok.header("RateLimit")).startsWith("\"hour\";r=" + (4 - i) + ";t=");
        }
        ApiResponse last = TestApp.api().post("/v1/api_keys", key.secret(), object("name", "fifth", "scopes", List.of("api_keys:read")));
        assertThat(last.status()).isEqualTo(201);
        assertThat(last.header("X-RateLimit-Remaining")).isEqualTo("0");

        ApiResponse refused = TestApp.api().post("/v1/api_keys", key.secret(), object("name", "sixth", "scopes", List.of("api_keys:read")));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.header("RateLimit")).startsWith("\"hour\";r=0;");
        assertThat(keyCount(owner)).as("the refused call never reached the resource").isEqualTo(keysBefore + 1);
    }

    @Test
    void aKeysOwnLimitIsLowerThanThePlans() throws Exception {
        Tenant owner = Tenants.register();
        String secret = TestApp.api().post("/v1/api_keys", owner.accessToken(), object("name", "tight", "scopes",
                List.of("org:read"), "rate_limit", object("requests_per_hour", 2))).json().get("secret").asText();
        assertThat(TestApp.api().get("/v1/org", secret).header("X-RateLimit-Limit")).isEqualTo("2");
        assertThat(TestApp.api().get("/v1/org", secret).status()).isEqualTo(200);
        assertThat(TestApp.api().get("/v1/org", secret).status()).isEqualTo(429);
        assertThat(TestApp.api().get("/v1/org", owner.accessToken()).status()).as("people have buckets of their own").isEqualTo(200);
    }

    @Test
    void peopleAreLimitedByThePlanToo() throws Exception {
        Tenant owner = Tenants.register();
        onPlan(owner.orgId(), plan(3, 30, 100));
        for (int i = 0; i < 3; i++) {
            assertThat(TestApp.api().get("/v1/org", owner.accessToken()).status()).isEqualTo(200);
        }
        assertThat(TestApp.api().get("/v1/org", owner.accessToken()).code()).isEqualTo("rate_limited");
    }

    @Test
    void theBurstWindowBindsFirstUnderAFlood() throws Exception {
        Tenant owner = Tenants.register();
        Key key = Tenants.apiKey(owner, "org:read");
        onPlan(owner.orgId(), plan(1000, 10000, 3));
        int refused = 0;
        String window = null;
        for (int i = 0; i < 10; i++) {
            ApiResponse response = TestApp.api().get("/v1/ping", key.secret());
            if (response.status() == 429) {
                refused++;
                window = response.header("RateLimit");
            }
        }
        assertThat(refused).isGreaterThanOrEqualTo(5);
        assertThat(window).startsWith("\"second\";r=0;");
    }

    @Test
    void aPlanChangeAppliesToExistingKeysWithoutARestart() throws Exception {
        Tenant owner = Tenants.register();
        Key key = Tenants.apiKey(owner, "org:read");
        onPlan(owner.orgId(), plan(2, 20, 100));
        TestApp.api().get("/v1/ping", key.secret());
        TestApp.api().get("/v1/ping", key.secret());
        assertThat(TestApp.api().get("/v1/ping", key.secret()).status()).isEqualTo(429);
        onPlan(owner.orgId(), "pro");
        ApiResponse upgraded = TestApp.api().get("/v1/ping", key.secret());
        assertThat(upgraded.status()).isEqualTo(200);
        assertThat(upgraded.header("RateLimit-Policy")).contains("\"hour\";q=10000;w=3600");
    }

    @Test
    void usageCarriesOverPlanChangesInRedis() throws Exception {
        usageCarriesOverPlanChanges(TestApp.api());
    }

    @Test
    void usageCarriesOverPlanChangesInProcess() throws Exception {
        try (TestApp.Running withoutRedis = TestApp.another(ConfigOverride.config("redis.url", ""))) {
            usageCarriesOverPlanChanges(withoutRedis.api());
        }
    }

    @Test
    void usageCarriesOverChangesOfAKeysOwnLimit() throws Exception {
        Tenant owner = Tenants.register();
        ApiResponse created = TestApp.api().post("/v1/api_keys", owner.accessToken(), object("name", "tight", "scopes",
                List.of("org:read"), "rate_limit", object("requests_per_hour", 10)));
        String id = created.json().get("id").asText();
        usageCarriesOver(TestApp.api(), created.json().get("secret").asText(), perHour -> assertThat(TestApp.api()
                .patch("/v1/api_keys/" + id, owner.accessToken(), object("rate_limit", object("requests_per_hour", perHour)))
                .status()).isEqualTo(200));
    }

    private static void usageCarriesOverPlanChanges(ApiClient api) throws Exception {
        Tenant owner = Tenants.register();
        Key key = Tenants.apiKey(owner, "org:read");
        String small = plan(10, 100, 100);
        String large = plan(20, 200, 100);
        onPlan(owner.orgId(), small);
        usageCarriesOver(api, key.secret(), perHour -> onPlan(owner.orgId(), perHour == 10 ? small : large));
    }

    /** Sets a subject's hourly limit to 10 or 20. */
    private interface HourlyLimit {
        void set(long perHour) throws Exception;
    }

    /** 4 of 10 used is 40 %: 12 of 20 left after an upgrade; then 10 of 20 used is half, 5 of 10 after a downgrade. */
    private static void usageCarriesOver(ApiClient api, String secret, HourlyLimit limit) throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(api.get("/v1/ping", secret).header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(9 - i));
        }

        limit.set(20);
        ApiResponse upgraded = api.get("/v1/ping", secret);
        assertThat(upgraded.header("X-RateLimit-Limit")).isEqualTo("20");
        assertThat(upgraded.header("X-RateLimit-Remaining")).as("the hour already used is still used").isEqualTo("11");
        assertThat(api.get("/v1/ping", secret).header("X-RateLimit-Remaining")).isEqualTo("10");

        limit.set(10);
        ApiResponse downgraded = api.get("/v1/ping", secret);
        assertThat(downgraded.header("X-RateLimit-Limit")).isEqualTo("10");
        assertThat(downgraded.header("X-RateLimit-Remaining")).as("half the hour used, no fresh bucket").isEqualTo("4");
    }

    @Test
    void twoInstancesSharingRedisShareTheBucket() throws Exception {
        Tenant owner = Tenants.register();
        Key key = Tenants.apiKey(owner, "org:read");
        onPlan(owner.orgId(), plan(6, 60, 100));
        try (TestApp.Running other = TestApp.another()) {
            for (int i = 0; i < 3; i++) {
                assertThat(TestApp.api().get("/v1/ping", key.secret()).status()).isEqualTo(200);
                assertThat(other.api().get("/v1/ping", key.secret()).status()).isEqualTo(200);
            }
            assertThat(other.api().get("/v1/ping", key.secret()).status()).isEqualTo(429);
            assertThat(TestApp.api().get("/v1/ping", key.secret()).status()).isEqualTo(429);
        }
    }

    @Test
    void whenRedisStopsTheApiKeepsServingAndAfterItIsBackTwoInstancesShareTheBucketAgain() throws Exception {
        Tenant owner = Tenants.register();
        Key key = Tenants.apiKey(owner, "org:read");
        onPlan(owner.orgId(), plan(6, 60, 100));
        int port = JarProcess.freePort();
        Path dir = Files.createTempDirectory("redis");
        Process redis = startRedis(port, dir);
        // an override each: an override remembers the value it replaced, so one shared by both would leave this URL behind
        try (TestApp.Running one = TestApp.another(ConfigOverride.config("redis.url", "redis://127.0.0.1:" + port));
             TestApp.Running two = TestApp.another(ConfigOverride.config("redis.url", "redis://127.0.0.1:" + port))) {
            assertThat(one.api().get("/v1/ping", key.secret()).status()).isEqualTo(200);
            assertThat(bucketsIn(port, key)).as("bucket kept in Redis").isNotEmpty();

            redis.destroyForcibly().waitFor();
            for (int i = 0; i < 5; i++) {
                for (TestApp.Running instance : List.of(one, two)) {
                    ApiResponse during = instance.api().get("/v1/ping", key.secret());
                    assertThat(during.status()).as("fail-open while Redis is down").isEqualTo(200);
                    assertThat(during.header("X-RateLimit-Limit")).isEqualTo("6");
                }
            }
            ApiClient admin = new ApiClient(one.admin());
            assertThat(admin.get("/metrics", null).text()).as("the fallback is counted")
                    .containsPattern("io_rentapi_quota_redis_failures_total [1-9]")
                    .contains("io_rentapi_quota_shared 0.0");
            assertThat(admin.get("/healthcheck", null).status()).as("the health check tells operators").isEqualTo(500);

            redis = startRedis(port, dir);
            Thread.sleep(1500); // the test configuration retries Redis after 1 s
            // the restarted Redis is empty: one fresh bucket of 6 for both instances together
            for (int i = 0; i < 3; i++) {
                assertThat(one.api().get("/v1/ping", key.secret()).status()).isEqualTo(200);
                assertThat(two.api().get("/v1/ping", key.secret()).status()).isEqualTo(200);
            }
            assertThat(bucketsIn(port, key)).as("back on the restarted Redis by itself").isNotEmpty();
            assertThat(one.api().get("/v1/ping", key.secret()).status()).as("shared again").isEqualTo(429);
            assertThat(two.api().get("/v1/ping", key.secret()).status()).as("shared again").isEqualTo(429);
        } finally {
            redis.destroyForcibly().waitFor();
        }
    }

    @Test
    void underTheFailClosedPolicyRequestsAreRefusedWith503WhileRedisIsDown() throws Exception {
        Tenant owner = Tenants.register();
        Key key = Tenants.apiKey(owner, "org:read");
        int port = JarProcess.freePort();
        Path dir = Files.createTempDirectory("redis");
        Process redis = startRedis(port, dir);
        try (TestApp.Running closed = TestApp.another(ConfigOverride.config("redis.url", "redis://127.0.0.1:" + port),
                ConfigOverride.config("quota.redisFailurePolicy", "closed"))) {
            assertThat(closed.api().get("/v1/ping", key.secret()).status()).isEqualTo(200);

            redis.destroyForcibly().waitFor();
            for (int i = 0; i < 3; i++) {
                ApiResponse refused = closed.api().get("/v1/ping", key.secret());
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.code()).isEqualTo("service_unavailable");
            }
            assertThat(new ApiClient(closed.admin()).get("/metrics", null).text())
                    .containsPattern("io_rentapi_quota_redis_failures_total [1-9]");

            redis = startRedis(port, dir);
            Thread.sleep(1500);
            assertThat(closed.api().get("/v1/ping", key.secret()).status()).as("served again once Redis is back").isEqualTo(200);
        } finally {
            redis.destroyForcibly().waitFor();
        }
    }

    private static java.util.Set<String> bucketsIn(int port, Key key) {
        try (RedisClient probe = RedisClient.create("127.0.0.1", port)) {
            return probe.keys(TestApp.redisPrefix() + "quota:k:" + key.id());
        }
    }

    private static Process startRedis(int port, Path dir) throws Exception {
        String binary = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server").stream()
                .filter(p -> new File(p).canExecute()).findFirst()
                .orElseThrow(() -> new AssertionError("redis-server is not installed; ./rentapi test installs it"));
        Process process = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (RedisClient client = RedisClient.create("127.0.0.1", port)) {
                if ("PONG".equals(client.ping())) {
                    return process;
                }
            } catch (RuntimeException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("redis-server did not start on port " + port);
    }

    private static long keyCount(Tenant owner) {
        return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM api_keys WHERE org_id = :org")
                .bind("org", owner.orgId()).mapTo(Long.class).one());
    }
}
