package io.rentapi.billing.gateway;

/**
 * What a provider said about a refund, in our taxonomy: {@code pending} (the provider has not
 * finished; reconciliation asks again), {@code succeeded} or {@code failed}.
 */
public record RefundResult(String providerRef, String status) {

    public static RefundResult succeeded(String providerRef) {
        return new RefundResult(providerRef, "succeeded");
    }

    public static RefundResult pending(String providerRef) {
        return new RefundResult(providerRef, "pending");
    }

    public static RefundResult failed(String providerRef) {
        return new RefundResult(providerRef, "failed");
    }

    public boolean pending() {
        return "pending".equals(status);
    }
}
