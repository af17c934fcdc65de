package io.rentapi.api.customers;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum CustomerType {
    INDIVIDUAL, BUSINESS;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CustomerType parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
