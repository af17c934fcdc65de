package io.rentapi.api.rentals;

import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.error.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
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

    /** The time, to the microsecond (the database keeps microseconds: what we answer is what we stored), or null. */
    static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        Instant common = parseCommon(value);
        if (common != null) {
            return common;
        }
        try {
            return OffsetDateTime.parse(value).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The shape nearly every client sends, {@code 2026-01-31T10:00:00[.fraction](Z|+01:00)}, read
     * without {@link OffsetDateTime#parse}'s general machinery (a few percent of a booking's CPU).
     * Null for anything else, and for any field out of range: {@link #parse} then leaves the answer to
     * {@link OffsetDateTime#parse}, so this can only be faster, never different.
     */
    static Instant parseCommon(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (i - start == 9) {
                    return null;
                }
                nanos = nanos * 10 + (s.charAt(i++) - '0');
            }
            if (i == start) {
                return null;
            }
            for (int digits = i - start; digits < 9; digits++) {
                nanos *= 10;
            }
        }
        int offset;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offset = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int hours = digits(s, i + 1, i + 3);
            int minutes = digits(s, i + 4, i + 6);
            if (hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
                return null;
            }
            offset = (s.charAt(i) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return null;
        }
        long seconds = LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3600 + minute * 60 + second - offset;
        return Instant.ofEpochSecond(seconds, nanos - nanos % 1000);
    }

    /** The decimal number in {@code s[from, to)}, or -1 when a character there is not a digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
