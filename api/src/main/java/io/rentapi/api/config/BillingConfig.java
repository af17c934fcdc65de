package io.rentapi.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Optional;

/** Plans, invoices and payments: tax, dunning, the worker's schedules and the providers' keys. */
public class BillingConfig {
    /** Tax added to every invoice, in hundredths of a percent (1900 = 19 %). */
    @Min(0)
    @Max(10_000)
    @JsonProperty
    private int taxRateBasisPoints = 0;

    /** Retries of a failed renewal, counted from the first failure; after the last one fails, the subscription is canceled. */
    @NotNull
    @JsonProperty
    private List<Duration> dunningRetries = List.of(Duration.days(3), Duration.days(5), Duration.days(7));

    /**
     * How long a payment may wait for its buyer (PayPal approval, card authentication) before it is
     * abandoned: failed, canceled at the provider, and for a renewal handed to dunning.
     */
    @NotNull
    @JsonProperty
    private Duration buyerActionTimeout = Duration.days(7);

    /** The provider of subscriptions that name none; empty: stripe when configured, else manual. */
    @Pattern(regexp = "|stripe|paypal|manual")
    @JsonProperty
    private String defaultProvider = "";

    @NotNull
    @JsonProperty
    private Duration renewalInterval = Duration.minutes(1);

    @NotNull
    @JsonProperty
    private Duration dunningInterval = Duration.minutes(5);

    /** How often payments in flight are looked for; each is asked about on its own schedule. */
    @NotNull
    @JsonProperty
    private Duration reconciliationInterval = Duration.minutes(1);

    /** How often the provider's recent charges are compared with ours, and how far back. */
    @NotNull
    @JsonProperty
    private Duration comparisonInterval = Duration.hours(24);

    @NotNull
    @JsonProperty
    private Duration comparisonLookBack = Duration.days(3);

    @Valid
    @NotNull
    @JsonProperty
    private Stripe stripe = new Stripe();

    @Valid
    @NotNull
    @JsonProperty
    private PayPal paypal = new PayPal();

    public static class Stripe {
        @JsonProperty
        private String secretKey = "";

        @JsonProperty
        private String webhookSecret = "";

        @NotEmpty
        @JsonProperty
        private String apiBase = "https://api.stripe.com";

        @NotNull
        @JsonProperty
        private Duration timeout = Duration.seconds(20);

        public Optional<String> getSecretKey() {
            return present(secretKey);
        }

        public Optional<String> getWebhookSecret() {
            return present(webhookSecret);
        }

        public String getApiBase() {
            return apiBase;
        }

        public Duration getTimeout() {
            return timeout;
        }
    }

    public static class PayPal {
        @JsonProperty
        private String clientId = "";

        @JsonProperty
        private String clientSecret = "";

        @JsonProperty
        private String webhookId = "";

        @NotEmpty
        @JsonProperty
        private String baseUrl = "https://api-m.paypal.com";

        @NotEmpty
        @JsonProperty
        private String webUrl = "https://www.paypal.com";

        @NotNull
        @JsonProperty
        private Duration timeout = Duration.seconds(20);

        public boolean isConfigured() {
            return present(clientId).isPresent() && present(clientSecret).isPresent();
        }

        public String getClientId() {
            return clientId;
        }

        public String getClientSecret() {
            return clientSecret;
        }

        public Optional<String> getWebhookId() {
            return present(webhookId);
        }

        public String getBaseUrl() {
            return baseUrl;
        }

        public String getWebUrl() {
            return webUrl;
        }

        public Duration getTimeout() {
            return timeout;
        }
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public int getTaxRateBasisPoints() {
        return taxRateBasisPoints;
    }

    public Duration getBuyerActionTimeout() {
        return buyerActionTimeout;
    }

    public List<Duration> getDunningRetries() {
        return dunningRetries;
    }

    /** Empty when not set; an empty environment variable reads as null. */
    public String getDefaultProvider() {
        return defaultProvider == null ? "" : defaultProvider;
    }

    public Duration getRenewalInterval() {
        return renewalInterval;
    }

    public Duration getDunningInterval() {
        return dunningInterval;
    }

    public Duration getReconciliationInterval() {
        return reconciliationInterval;
    }

    public Duration getComparisonInterval() {
        return comparisonInterval;
    }

    public Duration getComparisonLookBack() {
        return comparisonLookBack;
    }

    public Stripe getStripe() {
        return stripe;
    }

    public PayPal getPaypal() {
        return paypal;
    }
}
