package io.rentapi.billing.methods;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** The saved payment method as its organization sees it; {@code card} is left out for other types. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentMethodView(String id, String object, String provider, String type, Card card, String source,
                                Instant createdAt) {

    public record Card(String brand, String last4, Integer expMonth, Integer expYear) {
    }

    public static PaymentMethodView of(SavedPaymentMethod m) {
        Card card = m.cardLast4() == null ? null
                : new Card(m.cardBrand(), m.cardLast4(), m.cardExpMonth(), m.cardExpYear());
        return new PaymentMethodView(m.stripePaymentMethodId(), "payment_method", "stripe", m.paymentMethodType(),
                card, m.paymentMethodSource(), m.paymentMethodSavedAt());
    }
}
