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

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public Optional<URI> getUrl() {
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(URI.create(url));
    }
}
