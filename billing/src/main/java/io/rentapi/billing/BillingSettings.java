package io.rentapi.billing;

import java.time.Duration;
import java.util.List;

/**
 * The operator's billing choices.
 *
 * @param taxRateBasisPoints tax added to every invoice, in hundredths of a percent (1900 = 19 %)
 * @param dunningRetries     when a failed renewal is retried, counted from the first failure
 * @param defaultProvider    the provider used when a subscription names none
 */
public record BillingSettings(int taxRateBasisPoints, List<Duration> dunningRetries, String defaultProvider) {
    public BillingSettings {
        dunningRetries = List.copyOf(dunningRetries);
    }
}
