package io.rentapi.billing.payments;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A payment's state, after Kill Bill's taxonomy. Moves only go forward: a late or replayed provider
 * event that would move a payment back (succeeded to pending, refunded to succeeded) is ignored.
 * A failure can still turn into a success, because money that arrived is never ignored.
 */
public enum PaymentStatus {
    PENDING, UNKNOWN, SUCCEEDED, FAILED, PARTIALLY_REFUNDED, REFUNDED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PaymentStatus parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean canMoveTo(PaymentStatus to) {
        Set<PaymentStatus> next = switch (this) {
            case PENDING -> EnumSet.of(UNKNOWN, SUCCEEDED, FAILED);
            case UNKNOWN -> EnumSet.of(PENDING, SUCCEEDED, FAILED);
            case FAILED -> EnumSet.of(SUCCEEDED);
            case SUCCEEDED -> EnumSet.of(PARTIALLY_REFUNDED, REFUNDED);
            case PARTIALLY_REFUNDED -> EnumSet.of(PARTIALLY_REFUNDED, REFUNDED);
            case REFUNDED -> EnumSet.noneOf(PaymentStatus.class);
        };
        return next.contains(to);
    }

    /** Not final: the provider is asked again until it says. */
    public boolean inFlight() {
        return this == PENDING || this == UNKNOWN;
    }

    /**
     * When reconciliation asks the provider next, after {@code checks} earlier questions: an unknown
     * payment after 5 minutes, an hour, then daily; a pending one after an hour, then daily.
     */
    public Duration nextCheckAfter(int checks) {
        if (this == UNKNOWN) {
            return checks == 0 ? Duration.ofMinutes(5) : checks == 1 ? Duration.ofHours(1) : Duration.ofDays(1);
        }
        return checks == 0 ? Duration.ofHours(1) : Duration.ofDays(1);
    }
}
