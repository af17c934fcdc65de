package io.rentapi.billing.gateway;

/**
 * What a provider said about a payment, in our taxonomy: {@code pending}, {@code succeeded},
 * {@code failed} or {@code unknown} (no answer we can trust, e.g. a timeout).
 *
 * @param approvalUrl  where the buyer approves the payment (PayPal), if they must
 * @param clientSecret what the buyer's browser confirms the payment with (Stripe), if they must
 * @param paymentMethodRef the payment method the provider used, to save for off-session renewals
 */
public record ChargeResult(String status, String providerRef, String approvalUrl, String clientSecret,
                           String paymentMethodRef, String failureCode, String failureMessage) {

    public static ChargeResult succeeded(String providerRef) {
        return new ChargeResult("succeeded", providerRef, null, null, null, null, null);
    }

    public static ChargeResult pending(String providerRef) {
        return new ChargeResult("pending", providerRef, null, null, null, null, null);
    }

    public static ChargeResult failed(String providerRef, String code, String message) {
        return new ChargeResult("failed", providerRef, null, null, null, code, truncate(message));
    }

    public static ChargeResult abandoned(String providerRef) {
        return failed(providerRef, "abandoned", "The buyer did not complete the payment in time.");
    }

    /** A payment the buyer must act on (approve it, authenticate, choose a card) before money moves. */
    public boolean awaitsBuyer() {
        return "pending".equals(status) && (approvalUrl != null || clientSecret != null);
    }

    public static ChargeResult unknown(String providerRef, String message) {
        return new ChargeResult("unknown", providerRef, null, null, null, "provider_unreachable", truncate(message));
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 500 ? message : message.substring(0, 500);
    }
}
