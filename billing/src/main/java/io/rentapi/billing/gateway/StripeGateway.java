package io.rentapi.billing.gateway;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.ChargeListParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Stripe through stripe-java: a customer per organization, PaymentIntents for invoices (confirmed
 * off session with the saved payment method for renewals; left to Stripe.js with the client
 * secret when the buyer is present and has none saved), refunds. The SDK's own retries are off:
 * an unanswered call becomes an {@code unknown} payment that reconciliation settles.
 */
public final class StripeGateway implements PaymentGateway {
    public static final String NAME = "stripe";
    private final StripeClient client;

    public StripeGateway(String secretKey, String apiBase, Duration timeout) {
        this.client = StripeClient.builder()
                .setApiKey(secretKey)
                .setApiBase(apiBase)
                .setConnectTimeout((int) timeout.toMillis())
                .setReadTimeout((int) timeout.toMillis())
                .setMaxNetworkRetries(0)
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> ensureCustomer(long orgId, String existing) {
        if (existing != null) {
            return Optional.of(existing);
        }
        try {
            return Optional.of(client.v1().customers().create(CustomerCreateParams.builder()
                            .setDescription("rentapi organization " + orgId)
                            .putMetadata("org_id", Long.toString(orgId)).build(),
                    key("rentapi-customer-" + orgId)).getId());
        } catch (StripeException e) {
            throw failure(e);
        }
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        if (request.offSession() && request.paymentMethodRef() == null) {
            return ChargeResult.failed(null, "no_payment_method",
                    "No saved payment method: pay the invoice once with the buyer present to save one.");
        }
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(request.amount())
                .setCurrency(request.currency().toLowerCase(Locale.ROOT))
                .setCustomer(request.customerRef())
                .setDescription("Invoice " + request.invoiceNumber())
                .putMetadata("org_id", Long.toString(request.orgId()))
                .putMetadata("payment_id", Long.toString(request.paymentId()))
                .putMetadata("invoice_id", Long.toString(request.invoiceId()));
        if (request.paymentMethodRef() != null) {
            params.setPaymentMethod(request.paymentMethodRef()).setConfirm(true);
            if (request.offSession()) {
                params.setOffSession(true);
            }
        } else {
            params.setSetupFutureUsage(PaymentIntentCreateParams.SetupFutureUsage.OFF_SESSION);
        }
        try {
            return result(client.v1().paymentIntents().create(params.build(), key(request.idempotencyKey())));
        } catch (CardException e) {
            PaymentIntent intent = e.getStripeError() == null ? null : e.getStripeError().getPaymentIntent();
            return ChargeResult.failed(intent == null ? null : intent.getId(),
                    e.getDeclineCode() != null ? e.getDeclineCode() : e.getCode(), e.getMessage());
        } catch (StripeException e) {
            throw failure(e);
        }
    }

    @Override
    public ChargeResult status(ChargeRequest request, String providerRef) {
        if (providerRef == null) {
            // the creation was never answered: replaying it with the same idempotency key tells what happened
            return charge(request);
        }
        try {
            return result(client.v1().paymentIntents().retrieve(providerRef));
        } catch (StripeException e) {
            throw failure(e);
        }
    }

    @Override
    public String refund(String providerRef, long amount, String currency, String idempotencyKey) {
        try {
            return client.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(providerRef)
                    .setAmount(amount).build(), key(idempotencyKey)).getId();
        } catch (StripeException e) {
            throw failure(e);
        }
    }

    @Override
    public List<ProviderCharge> chargesSince(Instant since) {
        List<ProviderCharge> charges = new ArrayList<>();
        try {
            var params = ChargeListParams.builder()
                    .setCreated(ChargeListParams.Created.builder().setGte(since.getEpochSecond()).build())
                    .setLimit(100L).build();
            for (Charge charge : client.v1().charges().list(params).autoPagingIterable()) {
                String paymentId = charge.getMetadata() == null ? null : charge.getMetadata().get("payment_id");
                charges.add(new ProviderCharge(charge.getPaymentIntent() != null ? charge.getPaymentIntent() : charge.getId(),
                        paymentId == null ? null : Long.valueOf(paymentId), charge.getStatus(), charge.getAmount(),
                        charge.getCurrency().toUpperCase(Locale.ROOT)));
            }
        } catch (StripeException e) {
            throw failure(e);
        }
        return charges;
    }

    /** Stripe's PaymentIntent states in our taxonomy. */
    static ChargeResult result(PaymentIntent intent) {
        String status = intent.getStatus();
        return switch (status) {
            case "succeeded" -> new ChargeResult("succeeded", intent.getId(), null, null, intent.getPaymentMethod(),
                    null, null);
            case "canceled" -> ChargeResult.failed(intent.getId(), "canceled", "The payment was canceled.");
            case "requires_payment_method" -> intent.getLastPaymentError() != null
                    ? ChargeResult.failed(intent.getId(), code(intent), intent.getLastPaymentError().getMessage())
                    : new ChargeResult("pending", intent.getId(), null, intent.getClientSecret(), null, null, null);
            case "requires_action", "requires_confirmation" ->
                    new ChargeResult("pending", intent.getId(), null, intent.getClientSecret(), null, null, null);
            default -> ChargeResult.pending(intent.getId()); // processing, requires_capture
        };
    }

    private static String code(PaymentIntent intent) {
        var error = intent.getLastPaymentError();
        return error.getDeclineCode() != null ? error.getDeclineCode() : error.getCode();
    }

    private static RequestOptions key(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    /** A call that may have reached Stripe (no answer, or a 5xx) is uncertain; a 4xx is a clear no. */
    private static GatewayException failure(StripeException e) {
        boolean uncertain = e instanceof ApiConnectionException || e.getStatusCode() == null || e.getStatusCode() >= 500;
        return new GatewayException("stripe: " + e.getMessage(), uncertain, e);
    }
}
