package io.rentapi.webhooks.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try again after a failed attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after the
 * first try, each with ±20 % jitter so that an endpoint coming back is not hit by every retry at
 * once. A {@code Retry-After} (429, 503) is honoured within [step, 2 × step]: a receiver may slow
 * us down, but neither stop retries nor make them faster than the schedule.
 */
public final class RetrySchedule {
    public static final List<Duration> STEPS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
    static final double JITTER = 0.2;

    private final RandomGenerator random;

    public RetrySchedule(RandomGenerator random) {
        this.random = random;
    }

    /**
     * @param attemptsMade attempts so far, the failed one included
     * @return when the next attempt is due, or empty when the schedule is exhausted
     */
    public Optional<Instant> next(int attemptsMade, Instant failedAt, Optional<Duration> retryAfter) {
        if (attemptsMade < 1 || attemptsMade > STEPS.size()) {
            return Optional.empty();
        }
        Duration step = STEPS.get(attemptsMade - 1);
        Duration wait;
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            wait = asked.compareTo(step) < 0 ? step : asked.compareTo(step.multipliedBy(2)) > 0 ? step.multipliedBy(2) : asked;
        } else {
            double factor = 1 + (random.nextDouble() * 2 - 1) * JITTER;
            wait = Duration.ofMillis(Math.round(step.toMillis() * factor));
        }
        return Optional.of(failedAt.plus(wait));
    }

    /** Reads {@code Retry-After} as seconds or as an HTTP date; anything else is ignored. */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = java.time.ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (java.time.format.DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
