package io.rentapi.api.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The physical state of an item, recorded at check-out and return. */
public enum ItemCondition {
    NEW, GOOD, FAIR, DAMAGED, RETIRED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ItemCondition parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
