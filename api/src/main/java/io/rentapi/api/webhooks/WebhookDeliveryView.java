package io.rentapi.api.webhooks;

import io.rentapi.webhooks.delivery.Attempt;
import io.rentapi.webhooks.delivery.Delivery;
import java.time.Instant;
import java.util.List;

/** One event's delivery to one endpoint, with every attempt made. */
public record WebhookDeliveryView(long id, String object, long endpointId, long eventId, String eventType,
                                  String webhookId, String status, int attemptCount, Instant nextAttemptAt,
                                  Instant lastAttemptAt, Integer lastStatusCode, String lastError, Instant deliveredAt,
                                  Instant createdAt, List<AttemptView> attempts) {

    /** One HTTP request: when, the answer's status (none when unreached), how long, what went wrong, the answer's first 4 KB. */
    public record AttemptView(long id, Instant attemptedAt, Integer statusCode, int latencyMs, String error,
                              String responseBody) {
        static AttemptView of(Attempt a) {
            return new AttemptView(a.id(), a.attemptedAt(), a.statusCode(), a.latencyMs(), a.error(), a.responseBody());
        }
    }

    public static WebhookDeliveryView of(Delivery d, List<Attempt> attempts) {
        return new WebhookDeliveryView(d.id(), "webhook_delivery", d.endpointId(), d.eventId(), d.eventType(),
                d.webhookId(), d.status(), d.attempts(), Delivery.PENDING.equals(d.status()) ? d.nextAttemptAt() : null,
                d.lastAttemptAt(), d.lastStatusCode(), d.lastError(), d.deliveredAt(), d.createdAt(),
                attempts.stream().map(AttemptView::of).toList());
    }
}
