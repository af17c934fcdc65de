package io.rentapi.api.security;

import java.time.Duration;

/** Durations as mail text says them: "1 hour", "2 days", "7 days". */
final class Durations {
    private Durations() {
    }

    static String human(Duration d) {
        if (d.toDays() >= 1 && d.toHours() % 24 == 0) {
            return plural(d.toDays(), "day");
        }
        if (d.toHours() >= 1 && d.toMinutes() % 60 == 0) {
            return plural(d.toHours(), "hour");
        }
        return plural(Math.max(1, d.toMinutes()), "minute");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
