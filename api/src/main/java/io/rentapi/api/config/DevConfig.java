package io.rentapi.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;

public class DevConfig {
    /** Create a demo organization and owner on the first start of an empty database. */
    @JsonProperty
    private boolean seedDemo = false;

    public boolean isSeedDemo() {
        return seedDemo;
    }
}
