package io.rentapi.api.rentals;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * reserved → checked_out → returned, or reserved → canceled / no_show. Reserved and checked out
 * rentals hold their items; a returned one holds them for the rest of their buffer after the return.
 */
public enum RentalStatus {
    RESERVED, CHECKED_OUT, RETURNED, CANCELED, NO_SHOW;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean live() {
        return this == RESERVED || this == CHECKED_OUT;
    }

    public static RentalStatus parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
