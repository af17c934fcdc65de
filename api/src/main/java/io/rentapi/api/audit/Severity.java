package io.rentapi.api.audit;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum Severity {
    INFO, WARNING, CRITICAL;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
