package io.rentapi.webhooks.delivery;

import io.rentapi.webhooks.endpoints.WebhookEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What became of one claimed delivery, for the writer to record. */
record Outcome(Delivery delivery, WebhookEndpoint endpoint, Kind kind, Instant at, Integer statusCode, int latencyMs,
               String error, String responseBody, Optional<Duration> retryAfter) {

    enum Kind {
        /** the endpoint answered, with any status */
        RESPONDED,
        /** no answer: refused address, connection failure, timeout */
        NOT_REACHED,
        /** the breaker is open; not attempted, due again at {@code at} */
        BREAKER_OPEN,
        /** handed back unattempted (shutdown, a claim held too long); due again at {@code at} */
        RELEASED,
        /** the endpoint was disabled or deleted since the delivery was queued */
        ENDPOINT_OFF
    }

    boolean attempted() {
        return kind == Kind.RESPONDED || kind == Kind.NOT_REACHED;
    }

    boolean succeeded() {
        return kind == Kind.RESPONDED && statusCode >= 200 && statusCode < 300;
    }

    static Outcome notAttempted(Delivery delivery, WebhookEndpoint endpoint, Kind kind, Instant dueAgain, String error) {
        return new Outcome(delivery, endpoint, kind, dueAgain, null, 0, error, null, Optional.empty());
    }
}
