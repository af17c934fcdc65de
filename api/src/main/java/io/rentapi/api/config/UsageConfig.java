package io.rentapi.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

public class UsageConfig {
    /** Request counts are kept in memory and written this often, never once per request. */
    @NotNull
    @JsonProperty
    private Duration flushInterval = Duration.seconds(10);

    public Duration getFlushInterval() {
        return flushInterval;
    }
}
