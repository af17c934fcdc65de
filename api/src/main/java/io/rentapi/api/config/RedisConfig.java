package io.rentapi.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.Optional;

/** Redis is optional: without a URL, quotas and caches stay in-process. */
public class RedisConfig {
    @JsonProperty
    private String url;

    public Optional<URI> getUrl() {
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(URI.create(url));
    }
}
