package io.rentapi.webhooks.delivery;

import io.rentapi.webhooks.endpoints.WebhookEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What became of one claimed delivery, for the writer to record. */
record Outcome(Delivery delivery, WebhookEndpoint endpoint, Kind kind, Instant at, Integer statusCode, int latencyMs,
               String error, String responseBody, Optional<Duration> retryAfter) {
    /** {@code webhook_deliveries.last_error} and {@code webhook_attempts.error} are varchar(1000). */
    static final int ERROR_CHARS = 1000;
    /** {@code webhook_attempts.response_body} is varchar(4096). */
    static final int EXCERPT_CHARS = 4096;

    /**
     * What receivers and the network say is cut to fit the columns here: an outcome the writer
     * cannot store leaves its delivery claimed until the lease lapses, and then it is sent again,
     * unrecorded, for ever.
     */
    Outcome {
        error = storable(error, ERROR_CHARS);
        responseBody = storable(responseBody, EXCERPT_CHARS);
    }

    /** PostgreSQL text cannot hold NUL, so it becomes U+FFFD; varchar(n) counts characters, a pair is never split. */
    static String storable(String text, int maxChars) {
        if (text == null) {
            return null;
        }
        String clean = text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
        if (clean.length() <= maxChars) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return clean.substring(0, end);
    }

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
