package io.rentapi.api.http;

import static io.rentapi.api.support.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestApp.class)
class IdempotencyTest {
    @Test
    void aRetriedPostIsAnsweredFromTheFirstAnswerAndRunsOnce() {
        Tenant tenant = Tenants.register();
        String key = UUID.randomUUID().toString();
        ApiResponse first = post(tenant, key, "Branch A");
        ApiResponse retry = post(tenant, key, "Branch A");
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(organizationsNamed(tenant, "Branch A")).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        Tenant tenant = Tenants.register();
        String key = UUID.randomUUID().toString();
        post(tenant, key, "Branch B");
        ApiResponse other = post(tenant, key, "Branch C");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.code()).isEqualTo("idempotency_key_reused");
        assertThat(organizationsNamed(tenant, "Branch C")).isZero();
    }

    @Test
    void keysBelongToOneOrganization() {
        Tenant a = Tenants.register();
        Tenant b = Tenants.register();
        String key = UUID.randomUUID().toString();
        assertThat(post(a, key, "Shared key").status()).isEqualTo(201);
        ApiResponse other = post(b, key, "Shared key");
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.header("Idempotent-Replayed")).as("another org's key is not ours to replay").isNull();
    }

    @Test
    void errorsAnsweredTheFirstTimeAreReplayedToo() {
        Tenant tenant = Tenants.register();
        String key = UUID.randomUUID().toString();
        ApiResponse first = TestApp.api().call("POST", "/v1/orgs").token(tenant.accessToken())
                .header("Idempotency-Key", key).json(object("name", "")).send();
        ApiResponse retry = TestApp.api().call("POST", "/v1/orgs").token(tenant.accessToken())
                .header("Idempotency-Key", key).json(object("name", "")).send();
        assertThat(first.status()).isEqualTo(422);
        assertThat(retry.status()).isEqualTo(422);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void malformedKeysAreRefused() {
        Tenant tenant = Tenants.register();
        ApiResponse response = post(tenant, "x".repeat(300), "Too long key");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("invalid_idempotency_key");
    }

    @Test
    void concurrentDuplicatesRunOnceAndTheOthersAreToldSo() throws Exception {
        Tenant tenant = Tenants.register();
        String key = UUID.randomUUID().toString();
        int threads = 12;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<ApiResponse>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return post(tenant, key, "Raced branch");
                }, pool));
            }
            List<ApiResponse> answers = calls.stream().map(CompletableFuture::join).toList();
            assertThat(answers).extracting(ApiResponse::status).as("each answer is the first one, replayed, or a 409")
                    .isSubsetOf(201, 409);
            assertThat(answers).filteredOn(a -> a.status() == 201 && a.header("Idempotent-Replayed") == null)
                    .as("exactly one request ran; the rest were told it is running (409) or got its answer replayed")
                    .hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(organizationsNamed(tenant, "Raced branch")).isEqualTo(1);
    }

    @Test
    void aReplayedKeyCreationAnswersTheSameKeyWithoutItsSecretAndNoSecretIsStored() {
        Tenant tenant = Tenants.register();
        String key = UUID.randomUUID().toString();
        ApiResponse first = postWithKey(tenant, "/v1/api_keys", key, object("name", "ci", "scopes", List.of("org:read")));
        ApiResponse retry = postWithKey(tenant, "/v1/api_keys", key, object("name", "ci", "scopes", List.of("org:read")));
        assertThat(first.status()).isEqualTo(201);
        String secret = first.json().get("secret").asText();
        assertThat(secret).startsWith("sk_test_");
        assertThat(first.header("Idempotent-Redacted")).isNull();

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("Idempotent-Redacted")).isEqualTo("secret");
        assertThat(retry.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertThat(retry.json().has("secret")).isFalse();
        assertThat(retry.json().get("redacted").asText()).isEqualTo(first.json().get("redacted").asText());
        assertThat(retry.text()).doesNotContain(secret);
        assertThat(count(tenant, "SELECT count(*) FROM api_keys WHERE org_id = :org")).as("no second key").isEqualTo(1);
        assertThat(storedAnswer(tenant, key)).contains("\"id\":" + first.json().get("id").asLong()).doesNotContain(secret);
    }

    @Test
    void aReplayedKeyRotationKeepsNoSecretAndRotatesOnce() {
        Tenant tenant = Tenants.register();
        Tenants.Key apiKey = Tenants.apiKey(tenant, "org:read");
        String key = UUID.randomUUID().toString();
        String path = "/v1/api_keys/" + apiKey.id() + "/rotate";
        ApiResponse first = postWithKey(tenant, path, key, object("grace_period_seconds", 60));
        ApiResponse retry = postWithKey(tenant, path, key, object("grace_period_seconds", 60));
        assertThat(first.status()).isEqualTo(200);
        String secret = first.json().get("secret").asText();
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Redacted")).isEqualTo("secret");
        assertThat(retry.json().get("id").asLong()).isEqualTo(apiKey.id());
        assertThat(retry.json().has("secret")).isFalse();
        assertThat(storedAnswer(tenant, key)).isNotEmpty().doesNotContain(secret);
        assertThat(TestApp.api().get("/v1/org", secret).status()).as("the secret of the one rotation works").isEqualTo(200);
        assertThat(TestApp.api().get("/v1/org", apiKey.secret()).status()).as("still in its grace period").isEqualTo(200);
    }

    @Test
    void aReplayedWebhookEndpointCreationKeepsNoSigningSecret() {
        Tenant tenant = Tenants.register();
        String key = UUID.randomUUID().toString();
        var body = object("url", "https://hooks.example.com/replayed", "event_types", List.of("rental.*"));
        ApiResponse first = postWithKey(tenant, "/v1/webhook_endpoints", key, body);
        ApiResponse retry = postWithKey(tenant, "/v1/webhook_endpoints", key, body);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        String secret = first.json().get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Redacted")).isEqualTo("secret");
        assertThat(retry.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertThat(retry.json().has("secret")).isFalse();
        assertThat(storedAnswer(tenant, key)).isNotEmpty().doesNotContain(secret);
        assertThat(count(tenant, "SELECT count(*) FROM webhook_endpoints WHERE org_id = :org")).isEqualTo(1);
    }

    private static ApiResponse postWithKey(Tenant tenant, String path, String key, Object body) {
        return TestApp.api().call("POST", path).token(tenant.accessToken()).header("Idempotency-Key", key).json(body).send();
    }

    /** What the database keeps for a replay, read directly. */
    private static String storedAnswer(Tenant tenant, String key) {
        return TestApp.jdbi().withHandle(h -> h.createQuery(
                        "SELECT response_body FROM idempotency_keys WHERE org_id = :org AND idem_key = :key")
                .bind("org", tenant.orgId().value()).bind("key", key).mapTo(String.class).one());
    }

    private static long count(Tenant tenant, String sql) {
        return TestApp.jdbi().withHandle(h -> h.createQuery(sql).bind("org", tenant.orgId().value())
                .mapTo(Long.class).one());
    }

    private static ApiResponse post(Tenant tenant, String key, String name) {
        return TestApp.api().call("POST", "/v1/orgs").token(tenant.accessToken())
                .header("Idempotency-Key", key).json(object("name", name)).send();
    }

    private static long organizationsNamed(Tenant tenant, String name) {
        return TestApp.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FROM organizations o JOIN memberships m ON m.org_id = o.id
                 WHERE m.user_id = :user AND o.name = :name
                """).bind("user", tenant.userId()).bind("name", name).mapTo(Long.class).one());
    }
}
