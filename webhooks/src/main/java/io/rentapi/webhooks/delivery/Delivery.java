package io.rentapi.webhooks.delivery;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

/** One event on its way to one endpoint; attempts are logged separately. */
public record Delivery(long id, OrgId orgId, long endpointId, long eventId, String eventType, String status,
                       int attempts, Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatusCode,
                       String lastError, Instant deliveredAt, Instant createdAt) {
    public static final String PENDING = "pending";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    /** The {@code webhook-id} header: the event's, the same on every attempt and every resend. */
    public String webhookId() {
        return "evt_" + eventId;
    }
}
