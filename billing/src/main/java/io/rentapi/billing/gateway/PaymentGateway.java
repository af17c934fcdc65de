package io.rentapi.billing.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Moves money at one provider. Every call that creates something carries an idempotency key
 * derived from our own id, so a retry after a timeout never charges twice. Implementations throw
 * {@link GatewayException} with {@code uncertain} set when they cannot tell what happened.
 */
public interface PaymentGateway {
    String name();

    /** The provider's customer for the organization, created on first use; empty for providers without one. */
    default Optional<String> ensureCustomer(long orgId, String existing) {
        return Optional.ofNullable(existing);
    }

    ChargeResult charge(ChargeRequest request);

    /**
     * What the provider says now about a payment: by its reference, or, when the first call timed out
     * before we learnt the reference, by finding it or replaying the creation with the same
     * idempotency key, as long as the provider still remembers the key {@code sinceCreation} after it
     * was first sent.
     */
    ChargeResult status(ChargeRequest request, String providerRef, Duration sinceCreation);

    /**
     * Gives up on a payment that has waited too long for its buyer (to approve it at PayPal, to
     * finish authentication or choose a card at Stripe), so that it cannot be completed any more.
     * Answers what the payment is afterwards: failed with code {@code abandoned}, or what it became if
     * the buyer finished first. By default nothing is asked: a provider whose unapproved payments take
     * no money by themselves (PayPal's orders, which are captured only by us) needs no call.
     */
    default ChargeResult abandon(String providerRef) {
        return ChargeResult.abandoned(providerRef);
    }

    /** Refunds part or all of a payment; answers the provider's refund reference and whether it is done. */
    RefundResult refund(String providerRef, long amount, String currency, String idempotencyKey);

    /**
     * What the provider says now about a refund: by its reference, or, when its creation was never
     * answered ({@code refundRef} null), by replaying the creation with the same idempotency key.
     */
    default RefundResult refundStatus(String providerRef, String refundRef, long amount, String currency,
                                      String idempotencyKey) {
        return refund(providerRef, amount, currency, idempotencyKey);
    }

    /** Payments the provider took since the given time, for the nightly comparison. */
    default List<ProviderCharge> chargesSince(Instant since) {
        return List.of();
    }

    /** A payment as the provider lists it. */
    record ProviderCharge(String providerRef, Long paymentId, String status, long amount, String currency) {
    }
}
