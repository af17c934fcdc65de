package io.rentapi.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rentapi.api.http.Credential;
import io.rentapi.webhooks.endpoints.WebhookEndpoint;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** A webhook endpoint as its organization sees it; {@code secret} only in the answers that create or rotate it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookEndpointView(long id, String object, String url, String description, List<String> eventTypes,
                                  boolean enabled, String disabledReason, Integer rateLimit,
                                  Instant previousSecretExpiresAt, Instant failingSince, Instant createdAt,
                                  Instant updatedAt,
                                  @Credential
                                  @Schema(description = "The signing secret (whsec_…), only in the answers of create and rotate_secret")
                                  String secret) {

    public static WebhookEndpointView of(WebhookEndpoint e, Clock clock) {
        return of(e, clock, null);
    }

    public static WebhookEndpointView of(WebhookEndpoint e, Clock clock, String secret) {
        Instant graceEnds = e.previousSecretExpiresAt() != null && e.previousSecretExpiresAt().isAfter(clock.instant())
                ? e.previousSecretExpiresAt() : null;
        return new WebhookEndpointView(e.id(), "webhook_endpoint", e.url(), e.description(), e.filter().entries(),
                e.enabled(), e.disabledReason(), e.rateLimit(), graceEnds, e.failingSince(), e.createdAt(),
                e.updatedAt(), secret);
    }
}
