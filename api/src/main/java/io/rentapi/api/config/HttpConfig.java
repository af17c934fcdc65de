package io.rentapi.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import jakarta.validation.constraints.NotNull;

public class HttpConfig {
    /** Larger request bodies are refused with 413 before they are read. */
    @NotNull
    @JsonProperty
    private DataSize maxBodySize = DataSize.mebibytes(1);

    public DataSize getMaxBodySize() {
        return maxBodySize;
    }
}
