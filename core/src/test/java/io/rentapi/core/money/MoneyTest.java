package io.rentapi.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {
    @Test
    void arithmeticStaysInMinorUnitsOfOneCurrency() {
        Money price = Money.of(1999, "EUR");
        assertThat(price.times(3).plus(Money.of(3, "EUR"))).isEqualTo(Money.of(6000, "EUR"));
        assertThat(price.minus(Money.of(2000, "EUR")).isNegative()).isTrue();
        assertThatThrownBy(() -> price.plus(Money.of(1, "USD"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "EUR").times(2)).isInstanceOf(ArithmeticException.class);
    }
}
