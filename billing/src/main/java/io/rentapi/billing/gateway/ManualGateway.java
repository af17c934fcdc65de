package io.rentapi.billing.gateway;

/**
 * Payment out of band (bank transfer, cheque): the invoice stays open with a pending payment until a
 * platform admin marks it paid. Also what development uses when no provider keys are configured.
 */
public final class ManualGateway implements PaymentGateway {
    public static final String NAME = "manual";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        return ChargeResult.pending("manual-" + request.paymentId());
    }

    @Override
    public ChargeResult status(ChargeRequest request, String providerRef, java.time.Duration sinceCreation) {
        return ChargeResult.pending(providerRef);
    }

    @Override
    public RefundResult refund(String providerRef, long amount, String currency, String idempotencyKey) {
        return RefundResult.succeeded("manual-" + idempotencyKey);
    }
}
