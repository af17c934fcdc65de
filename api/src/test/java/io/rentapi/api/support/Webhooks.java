package io.rentapi.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rentapi.api.support.Tenants.Tenant;
import java.util.List;

/** Webhook endpoints made for one test, through the API. */
public final class Webhooks {
    private Webhooks() {
    }

    /** An endpoint, its secret, and the id of the {@code webhook_endpoint.created} event its creation wrote. */
    public record Endpoint(long id, String secret, long createdEventId) {
    }

    public static Endpoint endpoint(Tenant tenant, String url, String... eventTypes) {
        ApiClient.ApiResponse created = TestApp.api().post("/v1/webhook_endpoints", tenant.accessToken(),
                ApiClient.object("url", url, "event_types", List.of(eventTypes)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode body = created.json();
        long eventId = TestApp.jdbi().withHandle(h -> h.createQuery(
                        "SELECT max(id) FROM events WHERE org_id = :org AND type = 'webhook_endpoint.created'")
                .bind("org", tenant.orgId()).mapTo(Long.class).one());
        return new Endpoint(body.get("id").asLong(), body.get("secret").asText(), eventId);
    }

    /** A ping delivery to the endpoint; answers the delivery's id. */
    public static long ping(Tenant tenant, long endpointId) {
        ApiClient.ApiResponse sent = TestApp.api().call("POST", "/v1/webhook_endpoints/" + endpointId + "/test")
                .token(tenant.accessToken()).send();
        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        return sent.json().get("id").asLong();
    }
}
