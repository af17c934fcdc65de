package io.rentapi.api.rentals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PricingTest {
    @Test
    void eightDaysAtADailyHundredAndAWeeklyFiveHundredCostAWeekAndADay() {
        assertThat(Pricing.cheapest(Duration.ofDays(8), null, 100L, 500L)).isEqualTo(600);
    }

    @Test
    void sixDaysCostAWeekWhenTheWeekIsCheaperThanSixDays() {
        assertThat(Pricing.cheapest(Duration.ofDays(6), null, 100L, 500L)).isEqualTo(500);
        assertThat(Pricing.cheapest(Duration.ofDays(4), null, 100L, 500L)).isEqualTo(400);
    }

    @Test
    void hoursAreUsedWhenCheaperThanAnotherDayAndAStartedHourCounts() {
        // a day and 3 hours: 100 + 3 * 10 = 130 beats two days (200)
        assertThat(Pricing.cheapest(Duration.ofHours(27), 10L, 100L, 500L)).isEqualTo(130);
        // a day and 11 hours: 100 + 110 = 210 loses to two days (200)
        assertThat(Pricing.cheapest(Duration.ofHours(35), 10L, 100L, 500L)).isEqualTo(200);
        // 61 minutes is two started hours
        assertThat(Pricing.cheapest(Duration.ofMinutes(61), 10L, 100L, 500L)).isEqualTo(20);
    }

    @Test
    void onlyOfferedUnitsAreUsed() {
        assertThat(Pricing.cheapest(Duration.ofHours(5), null, 100L, null)).isEqualTo(100);
        assertThat(Pricing.cheapest(Duration.ofDays(9), null, null, 500L)).isEqualTo(1000);
        assertThat(Pricing.cheapest(Duration.ofDays(9), 1L, null, null)).isEqualTo(216);
        assertThat(Pricing.cheapest(Duration.ofDays(9), null, null, null)).isZero();
    }

    @Test
    void aYearAtEveryRateIsPricedExactly() {
        // 52 weeks and a day: 52 * 500 + 100
        assertThat(Pricing.cheapest(Duration.ofDays(365), 10L, 100L, 500L)).isEqualTo(26_100);
    }

    @Test
    void anEmptyPeriodHasNoPrice() {
        assertThatThrownBy(() -> Pricing.cheapest(Duration.ZERO, 1L, 1L, 1L)).isInstanceOf(IllegalArgumentException.class);
    }
}
