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

        JsonNode schemes = spec.get("components").get("securitySchemes");
        assertThat(schemes.get("bearer").get("scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.get("apiKey").get("type").asText()).isEqualTo("apiKey");
        assertThat(schemes.get("apiKey").get("in").asText()).isEqualTo("header");
        assertThat(schemes.get("apiKey").get("name").asText()).isEqualTo("X-API-Key");
        assertThat(spec.get("security").toString()).contains("\"bearer\"").contains("\"apiKey\"");

        JsonNode components = spec.get("components");
        assertThat(components.get("headers").fieldNames()).toIterable().contains("RateLimit-Policy", "RateLimit",
                "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After",
                "Idempotent-Replayed", "Idempotent-Redacted");
        JsonNode tooMany = components.get("responses").get("TooManyRequests");
        assertThat(tooMany.get("content").has("application/problem+json")).isTrue();
        assertThat(tooMany.get("headers").has("Retry-After")).isTrue();
        assertThat(components.get("responses").get("Unauthorized").get("content").get("application/problem+json")
                .get("schema").get("$ref").asText()).isEqualTo("#/components/schemas/Problem");
        assertThat(components.get("schemas").get("Problem").get("properties").has("code")).isTrue();

        JsonNode rotate = spec.get("paths").get("/v1/api_keys/{id}/rotate").get("post");
        for (String status : new String[] {"401", "403", "429"}) {
            assertThat(rotate.get("responses").has(status)).as(status).isTrue();
        }
        assertThat(rotate.get("responses").get("429").get("$ref").asText()).isEqualTo("#/components/responses/TooManyRequests");
        JsonNode ok = rotate.get("responses").get("default");
        assertThat(ok.get("headers").fieldNames()).toIterable().contains("RateLimit-Policy", "RateLimit",
                "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Idempotent-Redacted");
        assertThat(rotate.get("parameters").toString()).contains("#/components/parameters/Idempotency-Key");
        assertThat(components.get("parameters").get("Idempotency-Key").get("description").asText())
                .contains("Idempotent-Redacted");
        JsonNode list = spec.get("paths").get("/v1/api_keys").get("get");
        assertThat(list.get("responses").has("429")).isTrue();
        assertThat(list.has("parameters") && list.get("parameters").toString().contains("Idempotency-Key"))
                .as("only POSTs take an Idempotency-Key").isFalse();
        JsonNode login = spec.get("paths").get("/v1/auth/login").get("post");
        assertThat(login.get("responses").has("429")).as("public routes have no quota").isFalse();

        var docs = TestApp.api().get("/docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.text()).contains("swagger-ui").contains("/v1/openapi.json");
        assertThat(TestApp.api().get("/docs/swagger-ui-bundle.js", null).status()).isEqualTo(200);
        assertThat(TestApp.api().get("/docs/..%2Fsecret.js", null).status()).isBetween(400, 404);
        assertThat(TestApp.api().get("/docs/index.class", null).status()).isEqualTo(404);
    }
}
