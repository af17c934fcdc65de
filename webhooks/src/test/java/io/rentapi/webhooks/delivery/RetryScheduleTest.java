package io.rentapi.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final Instant FAILED_AT = Instant.parse("2024-05-01T12:00:00Z");
    private static final List<Duration> STEPS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

    /** A generator that always answers the same fraction, to reach the ends of the jitter range. */
    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void stepsAreTheDocumentedScheduleWithoutJitterAtTheMiddle() {
        RetrySchedule schedule = new RetrySchedule(fixed(0.5));
        for (int attempt = 1; attempt <= STEPS.size(); attempt++) {
            assertThat(schedule.next(attempt, FAILED_AT, Optional.empty())).contains(FAILED_AT.plus(STEPS.get(attempt - 1)));
        }
    }

    @Test
    void jitterStaysWithinTwentyPercentAndUsesTheWholeRange() {
        RetrySchedule low = new RetrySchedule(fixed(0.0));
        RetrySchedule high = new RetrySchedule(fixed(0.999_999));
        for (int attempt = 1; attempt <= STEPS.size(); attempt++) {
            long step = STEPS.get(attempt - 1).toMillis();
            assertThat(Duration.between(FAILED_AT, low.next(attempt, FAILED_AT, Optional.empty()).orElseThrow()).toMillis())
                    .isEqualTo(Math.round(step * 0.8));
            assertThat(Duration.between(FAILED_AT, high.next(attempt, FAILED_AT, Optional.empty()).orElseThrow()).toMillis())
                    .isBetween(Math.round(step * 1.19), Math.round(step * 1.2));
        }
        RetrySchedule random = new RetrySchedule(new Random(42));
        for (int i = 0; i < 10_000; i++) {
            long wait = Duration.between(FAILED_AT, random.next(2, FAILED_AT, Optional.empty()).orElseThrow()).toMillis();
            assertThat(wait).isBetween(240_000L, 360_000L);
        }
    }

    @Test
    void afterTheLastStepTheDeliveryHasFailed() {
        assertThat(new RetrySchedule(new Random()).next(8, FAILED_AT, Optional.empty())).isEmpty();
    }

    @Test
    void retryAfterIsHonouredBetweenOneAndTwoSteps() {
        RetrySchedule schedule = new RetrySchedule(fixed(0.0));
        assertThat(schedule.next(2, FAILED_AT, Optional.of(Duration.ofMinutes(7)))).contains(FAILED_AT.plus(Duration.ofMinutes(7)));
        assertThat(schedule.next(2, FAILED_AT, Optional.of(Duration.ofSeconds(1)))).contains(FAILED_AT.plus(Duration.ofMinutes(5)));
        assertThat(schedule.next(2, FAILED_AT, Optional.of(Duration.ofDays(1)))).contains(FAILED_AT.plus(Duration.ofMinutes(10)));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2015-10-21T07:28:00Z");
        assertThat(RetrySchedule.parseRetryAfter("120", now)).contains(Duration.ofSeconds(120));
        assertThat(RetrySchedule.parseRetryAfter("Wed, 21 Oct 2015 07:30:00 GMT", now)).contains(Duration.ofMinutes(2));
        assertThat(RetrySchedule.parseRetryAfter("soon", now)).isEmpty();
        assertThat(RetrySchedule.parseRetryAfter("-5", now)).isEmpty();
        assertThat(RetrySchedule.parseRetryAfter(null, now)).isEmpty();
    }
}
