package io.rentapi.api.rentals;

import java.time.Duration;

/**
 * The price of a period: the cheapest combination of the offered units (hour, day = 24 h, week =
 * 7 days) that covers it. Eight days at 100 a day or 500 a week cost 600 (a week and a day), not
 * 800. A started hour counts as an hour.
 */
public final class Pricing {
    static final long HOURS_PER_DAY = 24;
    static final long HOURS_PER_WEEK = 168;

    private Pricing() {
    }

    /** Null rates are not offered; with no rate at all the period costs nothing. */
    public static long cheapest(Duration period, Long hourly, Long daily, Long weekly) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rental period is positive: " + period);
        }
        if (hourly == null && daily == null && weekly == null) {
            return 0;
        }
        long hours = (period.toSeconds() + 3599) / 3600;
        long best = Long.MAX_VALUE;
        long maxWeeks = weekly == null ? 0 : ceilDiv(hours, HOURS_PER_WEEK);
        for (long weeks = 0; weeks <= maxWeeks; weeks++) {
            long afterWeeks = Math.max(0, hours - weeks * HOURS_PER_WEEK);
            long maxDays = daily == null ? 0 : ceilDiv(afterWeeks, HOURS_PER_DAY);
            for (long days = 0; days <= maxDays; days++) {
                long afterDays = Math.max(0, afterWeeks - days * HOURS_PER_DAY);
                if (afterDays > 0 && hourly == null) {
                    continue;
                }
                long cost = Math.addExact(Math.addExact(
                        weeks == 0 ? 0 : Math.multiplyExact(weeks, weekly),
                        days == 0 ? 0 : Math.multiplyExact(days, daily)),
                        afterDays == 0 ? 0 : Math.multiplyExact(afterDays, hourly));
                best = Math.min(best, cost);
            }
        }
        return best;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
