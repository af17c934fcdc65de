package io.rentapi.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Webhooks;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.outbox.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The endpoints and events API as an organization's developers use it. */
@ExtendWith(TestApp.class)
class WebhookEndpointsTest {

    @Test
    void createdEndpointShowsItsSecretOnceAndFiltersAsAsked() {
        Tenant tenant = Tenants.register();
        ApiResponse created = TestApp.api().post("/v1/webhook_endpoints", tenant.accessToken(), ApiClient.object(
                "url", "https://hooks.example.com/rentapi", "event_types", List.of("rental.*", "api_key.created"),
                "description", "ops", "rate_limit", 25));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode body = created.json();
        String secret = body.get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6)).length).isBetween(24, 64);
        assertThat(body.get("event_types")).extracting(JsonNode::asText).containsExactly("rental.*", "api_key.created");
        assertThat(body.get("enabled").asBoolean()).isTrue();
        assertThat(body.get("rate_limit").asInt()).isEqualTo(25);

        long id = body.get("id").asLong();
        JsonNode fetched = TestApp.api().get("/v1/webhook_endpoints/" + id, tenant.accessToken()).json();
        assertThat(fetched.has("secret")).as("the secret is shown only once").isFalse();
        assertThat(TestApp.api().get("/v1/webhook_endpoints", tenant.accessToken()).json().get("data"))
                .extracting(n -> n.get("id").asLong()).containsExactly(id);
    }

    @Test
    void badEndpointsAreRefusedWithTheFieldNamed() {
        Tenant tenant = Tenants.register();
        for (var bad : List.of(
                Map.of("url", "ftp://hooks.example.com/x"),
                Map.of("url", "not a url"),
                Map.of("url", "https://user:pass@hooks.example.com/x"),
                Map.of("url", "https://hooks.example.com/x", "event_types", List.of("Rental Created")),
                Map.of("url", "https://hooks.example.com/x", "rate_limit", 0))) {
            ApiResponse response = TestApp.api().post("/v1/webhook_endpoints", tenant.accessToken(), bad);
            assertThat(response.status()).as(bad + ": " + response).isEqualTo(422);
            assertThat(response.code()).isEqualTo("validation_failed");
        }
        assertThat(TestApp.api().get("/v1/webhook_endpoints", tenant.accessToken()).json().get("data")).isEmpty();
    }

    @Test
    void productionRequiresHttps() {
        WebhookService production = new WebhookService(TestApp.jdbi(), new Outbox(ApiClient.JSON, Clock.systemUTC()),
                Clock.systemUTC(), true, Duration.ofHours(24));
        assertThatThrownBy(() -> production.create(Tenants.register().orgId(),
                new WebhookRequests.Create("http://hooks.example.com/x", null, null, null, null)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(f -> assertThat(f.field()).isEqualTo("url")));
    }

    @Test
    void peopleWithoutWebhookPermissionCannotManageEndpoints() {
        Tenant owner = Tenants.register();
        Tenant viewer = Tenants.addMember(owner, "viewer");
        long id = Webhooks.endpoint(owner, "https://hooks.example.com/a").id();
        ApiResponse create = TestApp.api().post("/v1/webhook_endpoints", viewer.accessToken(),
                ApiClient.object("url", "https://hooks.example.com/b"));
        assertThat(create.status()).isEqualTo(403);
        ApiResponse rotate = TestApp.api().call("POST", "/v1/webhook_endpoints/" + id + "/rotate_secret")
                .token(viewer.accessToken()).send();
        assertThat(rotate.status()).isEqualTo(403);
    }

    @Test
    void updateDisableEnableAndDelete() {
        Tenant tenant = Tenants.register();
        long id = Webhooks.endpoint(tenant, "https://hooks.example.com/a", "rental.created").id();
        ApiResponse updated = TestApp.api().patch("/v1/webhook_endpoints/" + id, tenant.accessToken(),
                ApiClient.object("url", "https://hooks.example.com/b", "enabled", false, "event_types", List.of()));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("url").asText()).isEqualTo("https://hooks.example.com/b");
        assertThat(updated.json().get("enabled").asBoolean()).isFalse();
        assertThat(updated.json().get("event_types")).isEmpty();

        ApiResponse ping = TestApp.api().call("POST", "/v1/webhook_endpoints/" + id + "/test").token(tenant.accessToken()).send();
        assertThat(ping.status()).isEqualTo(409);
        assertThat(ping.code()).isEqualTo("webhook_endpoint_disabled");

        assertThat(TestApp.api().patch("/v1/webhook_endpoints/" + id, tenant.accessToken(),
                ApiClient.object("enabled", true)).json().get("enabled").asBoolean()).isTrue();
        long delivery = Webhooks.ping(tenant, id);
        JsonNode pending = TestApp.api().get("/v1/webhook_deliveries/" + delivery, tenant.accessToken()).json();
        assertThat(pending.get("event_type").asText()).isEqualTo("ping");
        assertThat(pending.get("status").asText()).isEqualTo("pending");
        ApiResponse resend = TestApp.api().call("POST", "/v1/webhook_deliveries/" + delivery + "/resend")
                .token(tenant.accessToken()).send();
        assertThat(resend.status()).isEqualTo(409);
        assertThat(resend.code()).isEqualTo("webhook_delivery_pending");

        assertThat(TestApp.api().delete("/v1/webhook_endpoints/" + id, tenant.accessToken()).status()).isEqualTo(200);
        assertThat(TestApp.api().get("/v1/webhook_endpoints/" + id, tenant.accessToken()).status()).isEqualTo(404);
        assertThat(TestApp.api().get("/v1/webhook_endpoints", tenant.accessToken()).json().get("data")).isEmpty();
    }

    @Test
    void theApiDescriptionGivesTheWebhookActionsTheirAnswersSchemas() {
        JsonNode spec = TestApp.api().get("/v1/openapi.json", null).json();
        JsonNode paths = spec.get("paths");
        Map<String, List<String>> answers = Map.of(
                "/v1/webhook_endpoints", List.of("201", "WebhookEndpointView"),
                "/v1/webhook_endpoints/{id}/rotate_secret", List.of("200", "WebhookEndpointView"),
                "/v1/webhook_endpoints/{id}/test", List.of("202", "WebhookDeliveryView"),
                "/v1/webhook_endpoints/{id}/recover", List.of("202", "WebhookRecoveryView"),
                "/v1/webhook_deliveries/{id}/resend", List.of("202", "WebhookDeliveryView"));
        answers.forEach((path, answer) -> assertThat(paths.get(path).get("post").get("responses").path(answer.get(0))
                .path("content").path("application/json").path("schema").path("$ref").asText())
                .as("POST " + path).isEqualTo("#/components/schemas/" + answer.get(1)));
        JsonNode schemas = spec.get("components").get("schemas");
        assertThat(schemas.get("WebhookEndpointView").get("properties").has("secret")).isTrue();
        assertThat(schemas.get("WebhookRecoveryView").get("properties").fieldNames()).toIterable()
                .contains("object", "endpoint_id", "recovered");
        assertThat(paths.get("/v1/webhook_endpoints/{id}/recover").get("post").get("summary").asText()).contains("failed since");
    }

    @Test
    void eventsAreListedNewestFirstAndFilteredByTypeAndTime() {
        Tenant tenant = Tenants.register();
        Instant before = Instant.now();
        Webhooks.endpoint(tenant, "https://hooks.example.com/a");
        Tenants.apiKey(tenant, "rentals:read");
        Instant after = Instant.now();

        JsonNode all = TestApp.api().get("/v1/events?limit=100", tenant.accessToken()).json().get("data");
        assertThat(all).extracting(n -> n.get("type").asText()).startsWith("api_key.created", "webhook_endpoint.created");
        JsonNode keyEvent = all.get(0);
        assertThat(keyEvent.get("object").asText()).isEqualTo("event");
        assertThat(keyEvent.get("data").get("object").asText()).isEqualTo("api_key");

        assertThat(TestApp.api().get("/v1/events?type=webhook_endpoint.*", tenant.accessToken()).json().get("data"))
                .extracting(n -> n.get("type").asText()).containsExactly("webhook_endpoint.created");
        assertThat(TestApp.api().get("/v1/events?type=api_key.created&created_after=" + before + "&created_before=" + after,
                tenant.accessToken()).json().get("data")).hasSize(1);
        assertThat(TestApp.api().get("/v1/events?created_after=" + after, tenant.accessToken()).json().get("data")).isEmpty();
        JsonNode one = TestApp.api().get("/v1/events/" + keyEvent.get("id").asLong(), tenant.accessToken()).json();
        assertThat(one.get("type").asText()).isEqualTo("api_key.created");

        ApiResponse badTime = TestApp.api().get("/v1/events?created_after=yesterday", tenant.accessToken());
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.code()).isEqualTo("invalid_parameter");
        ApiResponse badStatus = TestApp.api().get("/v1/webhook_endpoints/" + Webhooks.endpoint(tenant, "https://h.example.com").id()
                + "/deliveries?status=lost", tenant.accessToken());
        assertThat(badStatus.status()).isEqualTo(400);
    }
}
