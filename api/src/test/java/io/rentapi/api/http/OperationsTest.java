package io.rentapi.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestApp.class)
class OperationsTest {
    private final ApiClient admin = new ApiClient(TestApp.admin());

    @Test
    void healthChecksCoverTheDatabaseAndRedis() {
        var health = admin.get("/healthcheck", null);
        assertThat(health.status()).as(health.text()).isEqualTo(200);
        JsonNode checks = health.json();
        assertThat(checks.get("database").get("healthy").asBoolean()).isTrue();
        assertThat(checks.get("redis").get("healthy").asBoolean()).isTrue();
    }

    @Test
    void metricsAreExportedForPrometheus() {
        TestApp.api().get("/v1/openapi.json", null);
        var metrics = admin.get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(metrics.text()).contains("# TYPE").contains("ManagedPooledDataSource_database_active");
    }

    @Test
    void theApiDescribesItselfAndServesItsReference() {
        JsonNode spec = TestApp.api().get("/v1/openapi.json", null).json();
        assertThat(spec.get("openapi").asText()).startsWith("3.");
        assertThat(spec.get("paths").has("/v1/auth/login")).isTrue();
        assertThat(spec.get("paths").get("/v1/auth/login").get("post").get("security")).isEmpty();
        assertThat(spec.get("paths").get("/v1/org/members/{user_id}").get("patch").get("x-required-permission").asText())
                .isEqualTo("members:manage");
        assertThat(spec.get("components").get("schemas").get("TokenResponse").get("properties").has("access_token"))
                .as("schemas use the wire's snake_case names").isTrue();

        var docs = TestApp.api().get("/docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.text()).contains("swagger-ui").contains("/v1/openapi.json");
        assertThat(TestApp.api().get("/docs/swagger-ui-bundle.js", null).status()).isEqualTo(200);
        assertThat(TestApp.api().get("/docs/..%2Fsecret.js", null).status()).isBetween(400, 404);
        assertThat(TestApp.api().get("/docs/index.class", null).status()).isEqualTo(404);
    }
}
