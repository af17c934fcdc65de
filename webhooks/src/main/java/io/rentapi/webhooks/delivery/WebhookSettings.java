package io.rentapi.webhooks.delivery;

import java.time.Duration;
import java.util.List;

/**
 * How the delivery engine behaves; built from the application's configuration.
 *
 * @param claimLease           how long a claimed delivery stays with its worker before another may take it;
 *                             longer than the request timeout, so only a dead worker's claims lapse
 * @param maxInFlight          deliveries one worker holds at once, across all endpoints
 * @param endpointConcurrency  requests in flight to one endpoint at once
 * @param allowedAddresses     CIDR ranges the SSRF guard lets through although they are private or loopback
 */
public record WebhookSettings(Duration requestTimeout, Duration connectTimeout, Duration claimLease, int claimBatch,
                              int maxInFlight, int endpointConcurrency, Duration pollInterval,
                              List<String> allowedAddresses, Duration breakerOpenFor, int breakerMinimumCalls,
                              float breakerFailureRate, Duration disableAfter, Duration shutdownGrace) {
    public WebhookSettings {
        allowedAddresses = List.copyOf(allowedAddresses);
        if (claimLease.compareTo(requestTimeout.plus(connectTimeout)) <= 0) {
            throw new IllegalArgumentException("the claim lease must outlast a request (timeout + connect timeout)");
        }
    }

    public static WebhookSettings defaults() {
        return new WebhookSettings(Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofMinutes(2), 500, 2000, 16,
                Duration.ofMillis(100), List.of(), Duration.ofSeconds(30), 10, 50f, Duration.ofDays(5),
                Duration.ofSeconds(20));
    }
}
