package io.rentapi.api.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether an item can be rented; see {@link #canBecome} for the allowed changes. */
public enum ItemStatus {
    AVAILABLE, MAINTENANCE, RETIRED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Available and maintenance go back and forth; either may retire; retired is final. */
    public boolean canBecome(ItemStatus next) {
        return this == next || this != RETIRED;
    }

    public static ItemStatus parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
