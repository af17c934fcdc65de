package io.rentapi.api.webhooks;

/** The answer to a recover: how many failed deliveries to the endpoint were queued again. */
public record WebhookRecoveryView(String object, long endpointId, int recovered) {

    public static WebhookRecoveryView of(long endpointId, int recovered) {
        return new WebhookRecoveryView("webhook_recovery", endpointId, recovered);
    }
}
