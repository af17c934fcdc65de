package io.rentapi.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

public class ApiKeysConfig {
    /** {@code sk_live_} in production, {@code sk_test_} in development, so a key shows where it belongs. */
    @NotNull
    @Pattern(regexp = "sk_live_|sk_test_")
    @JsonProperty
    private String prefix = "sk_live_";

    /**
     * How long a verified key is trusted from memory. Revocation is also pushed to every instance
     * through Redis when configured; this bounds staleness when it is not, or when a message is lost.
     */
    @NotNull
    @JsonProperty
    private Duration cacheTtl = Duration.seconds(5);

    @NotNull
    @JsonProperty
    private Duration defaultGracePeriod = Duration.hours(24);

    public String getPrefix() {
        return prefix;
    }

    public Duration getCacheTtl() {
        return cacheTtl;
    }

    public Duration getDefaultGracePeriod() {
        return defaultGracePeriod;
    }
}
