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
