package io.rentapi.webhooks.delivery;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

/** One HTTP request made for a delivery, as the log shows it. */
public record Attempt(long id, OrgId orgId, long deliveryId, long endpointId, Instant attemptedAt, Integer statusCode,
                      int latencyMs, String error, String responseBody) {
}
