package io.rentapi.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.Optional;

/** Redis is optional: without a URL, quotas and caches stay in-process. */
public class RedisConfig {
    @JsonProperty
    private String url;

    /** Prepended to every key and channel, so that several deployments can share one Redis. */
    @jakarta.validation.constraints.NotBlank
    @JsonProperty
    private String keyPrefix = "rentapi:";

    /**
     * How long a request waits for a pooled connection when all are busy, before it is treated as
     * a Redis failure (quotas: the failure policy decides that request).
     */
    @jakarta.validation.constraints.NotNull
    @JsonProperty
    private io.dropwizard.util.Duration poolMaxWait = io.dropwizard.util.Duration.milliseconds(100);

    public io.dropwizard.util.Duration getPoolMaxWait() {
        return poolMaxWait;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public Optional<URI> getUrl() {
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(URI.create(url));
    }
}
