package io.rentapi.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import jakarta.validation.constraints.NotNull;

public class HttpConfig {
    /** Larger request bodies are refused with 413 before they are read. */
    @NotNull
    @JsonProperty
    private DataSize maxBodySize = DataSize.mebibytes(1);

    /**
     * Proxies (addresses or CIDR ranges) whose {@code X-Forwarded-For} is believed. From anyone else
     * the header is ignored, so a client cannot choose the address its API key's allowlist sees.
     */
    @NotNull
    @JsonProperty
    private java.util.List<String> trustedProxies = java.util.List.of();

    public java.util.List<String> getTrustedProxies() {
        return trustedProxies;
    }

    public DataSize getMaxBodySize() {
        return maxBodySize;
    }
}
