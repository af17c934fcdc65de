package io.rentapi.billing.payments;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A payment as its organization sees it. {@code approval_url} (PayPal) or {@code client_secret}
 * (Stripe, for Stripe.js) is set while the buyer must act.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentView(long id, String object, long invoiceId, String provider, String status, long amount,
                          long amountRefunded, String currency, String providerReference, String approvalUrl,
                          String clientSecret, String failureCode, String failureMessage, List<RefundView> refunds,
                          Instant createdAt, Instant updatedAt) {

    public record RefundView(long id, long amount, String status, String reason, Instant createdAt) {
    }

    public static PaymentView of(Payment p, List<Refund> refunds) {
        boolean buyerMustAct = p.state() == PaymentStatus.PENDING;
        return new PaymentView(p.id(), "payment", p.invoiceId(), p.provider(), p.status(), p.amount(),
                p.amountRefunded(), p.currency(), p.providerRef(), buyerMustAct ? p.approvalUrl() : null,
                buyerMustAct ? p.clientSecret() : null, p.failureCode(), p.failureMessage(),
                refunds.stream().map(r -> new RefundView(r.id(), r.amount(), r.status(), r.reason(), r.createdAt()))
                        .toList(),
                p.createdAt(), p.updatedAt());
    }
}
