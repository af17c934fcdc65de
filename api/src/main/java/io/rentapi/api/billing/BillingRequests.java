package io.rentapi.api.billing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

public final class BillingRequests {
    private BillingRequests() {
    }

    /**
     * @param trial    true to start with the plan's trial (no invoice until it ends)
     * @param provider stripe, paypal or manual; the deployment's default when left out
     */
    public record Subscribe(@NotNull @Positive Long planId,
                            @Pattern(regexp = "month|year", message = "must be month or year") String interval,
                            Boolean trial,
                            @Pattern(regexp = "stripe|paypal|manual", message = "must be stripe, paypal or manual") String provider) {
    }

    /** @param interval a new billing interval, which takes effect at the end of the period */
    public record Change(@NotNull @Positive Long planId,
                         @Pattern(regexp = "month|year", message = "must be month or year") String interval) {
    }

    /** @param atPeriodEnd false to cancel now; true (the default) to keep the plan until the period ends */
    public record Cancel(Boolean atPeriodEnd) {
    }

    /**
     * @param amount   minor units to refund; all that is left when left out
     * @param toCredit true to credit the organization's balance (which pays its next invoices) instead of the card
     */
    public record Refund(@Positive Long amount, @Size(max = 300) String reason, Boolean toCredit) {
    }

    /**
     * Where Stripe's Checkout page sends the buyer back: absolute http(s) URLs; the success URL may
     * carry Stripe's {@code {CHECKOUT_SESSION_ID}} placeholder.
     */
    public record CheckoutSession(@NotBlank @Size(max = 2000) String successUrl,
                                  @NotBlank @Size(max = 2000) String cancelUrl) {
    }

    public record Quotas(@NotNull @Positive Long requestsPerHour, @NotNull @Positive Long requestsPerDay,
                         @NotNull @Positive Long burstPerSecond) {
    }

    public record CreatePlan(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,49}",
                                     message = "must be 1 to 50 lower-case letters, digits, - or _") String code,
                             @NotBlank @Size(max = 100) String name,
                             @Size(max = 500) String description,
                             @NotNull @PositiveOrZero Long priceMonth,
                             @NotNull @PositiveOrZero Long priceYear,
                             @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") String currency,
                             @PositiveOrZero @Max(365) Integer trialDays,
                             @NotNull @Valid Quotas quotas) {
    }

    /** Only the fields sent change; prices apply to periods that start after the change. */
    public record UpdatePlan(@Size(min = 1, max = 100) String name,
                             @Size(max = 500) String description,
                             @PositiveOrZero Long priceMonth,
                             @PositiveOrZero Long priceYear,
                             @PositiveOrZero @Max(365) Integer trialDays,
                             @Valid Quotas quotas,
                             Boolean active) {
    }
}
