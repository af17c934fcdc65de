package io.rentapi.billing;

import io.rentapi.core.error.ApiException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

/** How often a subscription is billed. Periods are calendar months and years in UTC. */
public enum BillingInterval {
    MONTH, YEAR;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Instant after(Instant start) {
        var at = start.atOffset(ZoneOffset.UTC);
        return (this == MONTH ? at.plusMonths(1) : at.plusYears(1)).toInstant();
    }

    public static BillingInterval parse(String value, String field) {
        for (BillingInterval i : values()) {
            if (i.value().equals(value)) {
                return i;
            }
        }
        throw ApiException.invalid(field, "must be month or year");
    }

    /** A stored value, or null for subscriptions made before intervals existed. */
    public static BillingInterval stored(String value) {
        return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
