package io.rentapi.billing.gateway;

/**
 * One attempt to collect an invoice.
 *
 * @param offSession true when the buyer is not present (renewals, dunning): use the saved payment method
 */
public record ChargeRequest(long orgId, long paymentId, long invoiceId, String invoiceNumber, long amount,
                            String currency, boolean offSession, String customerRef, String paymentMethodRef) {

    /** The idempotency key every provider call for this payment carries. */
    public String idempotencyKey() {
        return "rentapi-payment-" + paymentId;
    }
}
