package io.rentapi.billing.methods;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

/**
 * The payment method an organization's renewals are charged with, as saved on its billing account.
 *
 * @param source  how it was saved: {@code setup_intent}, {@code checkout} or {@code payment} (the
 *                card of the first payment made with the buyer present)
 * @param eventAt the provider's time of the event that saved it; older events never replace it
 */
public record SavedPaymentMethod(OrgId orgId, String stripeCustomerId, String stripePaymentMethodId,
                                 String paymentMethodType, String cardBrand, String cardLast4, Integer cardExpMonth,
                                 Integer cardExpYear, String paymentMethodSource, Instant paymentMethodEventAt,
                                 Instant paymentMethodSavedAt) {
}
