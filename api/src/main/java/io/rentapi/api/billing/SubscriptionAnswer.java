package io.rentapi.api.billing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.rentapi.billing.invoices.InvoiceView;
import io.rentapi.billing.payments.PaymentView;
import io.rentapi.billing.subscriptions.SubscriptionService;
import io.rentapi.billing.subscriptions.SubscriptionView;

/**
 * A subscription, the organization's credit balance (which pays invoices before any provider), and
 * the invoice the request opened and the payment collecting it (whose {@code approval_url} or
 * {@code client_secret} tells the buyer what to do) when there is one.
 */
public record SubscriptionAnswer(@JsonUnwrapped SubscriptionView subscription, long creditBalance,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) InvoiceView latestInvoice,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) PaymentView latestPayment) {

    static SubscriptionAnswer of(SubscriptionService.Outcome o, org.jdbi.v3.core.Jdbi jdbi) {
        InvoiceView invoice = o.invoice() == null ? null : InvoiceView.of(o.invoice(),
                jdbi.onDemand(io.rentapi.billing.invoices.InvoiceDao.class).lines(o.invoice().orgId(), o.invoice().id()));
        long credit = jdbi.onDemand(io.rentapi.billing.accounts.BillingAccountDao.class)
                .find(o.subscription().orgId()).map(a -> a.creditBalance()).orElse(0L);
        return new SubscriptionAnswer(SubscriptionView.of(o.subscription(), o.plan()), credit, invoice,
                o.payment() == null ? null : PaymentView.of(o.payment(), java.util.List.of()));
    }
}
