package io.rentapi.api.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How an item is counted: one physical unit, or a quantity in stock. */
public enum Tracking {
    SERIALIZED, BULK;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Tracking parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
