package io.rentapi.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.rentapi.webhooks.delivery.WebhookSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/** Outbound webhooks: what endpoints may be, and how the worker delivers to them. */
public class WebhooksConfig {
    /** Endpoint URLs must be https; development and test configurations allow http for local receivers. */
    @JsonProperty
    private boolean requireHttps = true;

    /** CIDR ranges the SSRF guard lets through although they are private or loopback; none in production. */
    @NotNull
    @JsonProperty
    private List<String> allowedAddresses = new ArrayList<>();

    @NotNull
    @JsonProperty
    private Duration requestTimeout = Duration.seconds(15);

    @NotNull
    @JsonProperty
    private Duration connectTimeout = Duration.seconds(5);

    /** How long a worker holds a claimed delivery; a dead worker's deliveries are sent again after this. */
    @NotNull
    @JsonProperty
    private Duration claimLease = Duration.minutes(2);

    @Min(1)
    @Max(5000)
    @JsonProperty
    private int claimBatch = 500;

    @Min(1)
    @JsonProperty
    private int maxInFlight = 2000;

    @Min(1)
    @Max(256)
    @JsonProperty
    private int endpointConcurrency = 16;

    /** How often an idle worker looks for new events and due deliveries. */
    @NotNull
    @JsonProperty
    private Duration pollInterval = Duration.milliseconds(100);

    @NotNull
    @JsonProperty
    private Duration breakerOpenFor = Duration.seconds(30);

    @Min(1)
    @JsonProperty
    private int breakerMinimumCalls = 10;

    @NotNull
    @JsonProperty
    private Duration disableAfter = Duration.days(5);

    /** After a rotation the previous secret signs too, for this long. */
    @NotNull
    @JsonProperty
    private Duration secretRotationGrace = Duration.hours(24);

    @NotNull
    @JsonProperty
    private Duration shutdownGrace = Duration.seconds(20);

    public boolean isRequireHttps() {
        return requireHttps;
    }

    public Duration getSecretRotationGrace() {
        return secretRotationGrace;
    }

    public WebhookSettings toSettings() {
        return new WebhookSettings(requestTimeout.toJavaDuration(), connectTimeout.toJavaDuration(),
                claimLease.toJavaDuration(), claimBatch, maxInFlight, endpointConcurrency, pollInterval.toJavaDuration(),
                allowedAddresses, breakerOpenFor.toJavaDuration(), breakerMinimumCalls, 50f,
                disableAfter.toJavaDuration(), shutdownGrace.toJavaDuration());
    }
}
