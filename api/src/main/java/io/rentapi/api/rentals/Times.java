package io.rentapi.api.rentals;

import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.error.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** ISO-8601 times sent by clients, in bodies (422 when wrong) and query strings (400 when wrong). */
public final class Times {
    /** The longest period one rental, availability answer or report covers. */
    public static final Duration MAX_PERIOD = Duration.ofDays(366);

    private Times() {
    }

    public static Instant bodyField(String field, String value) {
        Instant parsed = parse(value);
        if (parsed == null) {
            throw ApiException.invalid(field, "must be an ISO-8601 time with an offset, such as 2026-01-31T10:00:00Z");
        }
        return parsed;
    }

    public static Instant parameter(String name, String value) {
        Instant parsed = parse(value);
        if (parsed == null) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "Parameter " + name + " must be an ISO-8601 time.",
                    List.of(new FieldError(name, "must be an ISO-8601 time with an offset, such as 2026-01-31T10:00:00Z")));
        }
        return parsed;
    }

    /** A query range [from, to): both optional, from before to, at most {@link #MAX_PERIOD}. */
    public static Instant[] range(String from, String to, Instant defaultFrom, Duration defaultLength) {
        Instant start = from == null ? defaultFrom : parameter("from", from);
        Instant end = to == null ? start.plus(defaultLength) : parameter("to", to);
        if (!start.isBefore(end)) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "from must be before to.",
                    List.of(new FieldError("from", "must be before to")));
        }
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "The range may cover at most 366 days.",
                    List.of(new FieldError("to", "must be at most 366 days after from")));
        }
        return new Instant[] {start, end};
    }

    private static Instant parse(String value) {
        try {
            // the database keeps microseconds; so do we, so that what we answer is what we stored
            return OffsetDateTime.parse(value).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
