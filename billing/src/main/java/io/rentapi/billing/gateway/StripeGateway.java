package io.rentapi.billing.gateway;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Refund;
import com.stripe.model.SetupIntent;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.ChargeListParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import com.stripe.param.SetupIntentCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Stripe through stripe-java: a customer per organization, payment methods saved through a
 * SetupIntent or Checkout in setup mode, PaymentIntents for invoices (confirmed off session with
 * the saved payment method for renewals; left to Stripe.js with the client secret when the buyer
 * is present and has none saved), refunds. The SDK's own retries are off:
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

    /** Cancels the PaymentIntent as abandoned; one the buyer completed meanwhile is answered as it is. */
    @Override
    public ChargeResult abandon(String providerRef) {
        try {
            PaymentIntent canceled = client.v1().paymentIntents().cancel(providerRef, PaymentIntentCancelParams.builder()
                    .setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED).build());
            return "canceled".equals(canceled.getStatus()) ? ChargeResult.abandoned(canceled.getId()) : result(canceled);
        } catch (InvalidRequestException e) {
            // no longer cancelable (succeeded or processing): what it is now
            return retrieve(providerRef);
        } catch (StripeException e) {
            throw failure(e);
        }
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

    /**
     * Stripe forgets idempotency keys after 24 hours; within them, a key replayed with the same request
     * answers the PaymentIntent it created; after, it would create a second one and charge again.
     */
    static final Duration KEY_WINDOW = Duration.ofHours(23);

    /**
     * A payment whose creation was never answered is looked for by the payment id in its metadata
     * first, and replayed with its idempotency key only while Stripe still remembers the key. Not
     * found after that, it was never created. Search lags writes by about a minute, which the key
     * window covers.
     */
    @Override
    public ChargeResult status(ChargeRequest request, String providerRef, Duration sinceCreation) {
        if (providerRef != null) {
            return retrieve(providerRef);
        }
        try {
            List<PaymentIntent> found = client.v1().paymentIntents().search(PaymentIntentSearchParams.builder()
                    .setQuery("metadata['payment_id']:'" + request.paymentId() + "'").build()).getData();
            if (found != null && !found.isEmpty()) {
                return result(found.get(0));
            }
        } catch (StripeException e) {
            throw failure(e);
        }
        if (sinceCreation.compareTo(KEY_WINDOW) < 0) {
            return charge(request);
        }
        return ChargeResult.failed(null, "not_created", "Stripe has no PaymentIntent for this payment.");
    }

    private ChargeResult retrieve(String providerRef) {
        try {
            return result(client.v1().paymentIntents().retrieve(providerRef));
        } catch (StripeException e) {
            throw failure(e);
        }
    }

    @Override
    public RefundResult refund(String providerRef, long amount, String currency, String idempotencyKey) {
        try {
            return refundResult(client.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(providerRef)
                    .setAmount(amount).putMetadata("rentapi_key", idempotencyKey).build(), key(idempotencyKey)));
        } catch (StripeException e) {
            throw failure(e);
        }
    }

    /**
     * A refund whose creation was never answered is looked for among the PaymentIntent's refunds by
     * the key in its metadata, not replayed: Stripe forgets idempotency keys after 24 hours, and a
     * replay after that would refund twice. Not found there, it never happened.
     */
    @Override
    public RefundResult refundStatus(String providerRef, String refundRef, long amount, String currency,
                                     String idempotencyKey) {
        try {
            if (refundRef != null) {
                return refundResult(client.v1().refunds().retrieve(refundRef));
            }
            var params = RefundListParams.builder().setPaymentIntent(providerRef).setLimit(100L).build();
            for (Refund refund : client.v1().refunds().list(params).autoPagingIterable()) {
                if (refund.getMetadata() != null && idempotencyKey.equals(refund.getMetadata().get("rentapi_key"))) {
                    return refundResult(refund);
                }
            }
            return RefundResult.failed(null);
        } catch (StripeException e) {
            throw failure(e);
        }
    }

    /** Stripe's refund states (pending, requires_action, succeeded, failed, canceled) in ours. */
    static RefundResult refundResult(Refund refund) {
        String status = refund.getStatus() == null ? "pending" : refund.getStatus();
        return switch (status) {
            case "succeeded" -> RefundResult.succeeded(refund.getId());
            case "failed", "canceled" -> RefundResult.failed(refund.getId());
            default -> RefundResult.pending(refund.getId());
        };
    }

    /** A SetupIntent's id and the secret Stripe.js confirms it with. */
    public record SetupStart(String id, String clientSecret) {
    }

    /** A Checkout Session's id and the page the buyer is sent to. */
    public record CheckoutStart(String id, String url) {
    }

    /** A saved payment method as Stripe describes it; the card fields are null for other types. */
    public record MethodDetails(String id, String type, String customer, String cardBrand, String cardLast4,
                                Long cardExpMonth, Long cardExpYear) {
    }

    /** A SetupIntent for saving a payment method to charge off session later (renewals). */
    public SetupStart createSetupIntent(String customer, long orgId, String idempotencyKey) {
        try {
            SetupIntent intent = client.v1().setupIntents().create(SetupIntentCreateParams.builder()
                    .setCustomer(customer)
                    .setUsage(SetupIntentCreateParams.Usage.OFF_SESSION)
                    .putMetadata("org_id", Long.toString(orgId))
                    .build(), key(idempotencyKey));
            return new SetupStart(intent.getId(), intent.getClientSecret());
        } catch (StripeException e) {
            throw failure(e);
        }
    }

    /** A Checkout Session in setup mode: Stripe's page collects the payment method and saves it. */
    public CheckoutStart createSetupCheckout(String customer, long orgId, String currency, String successUrl,
                                             String cancelUrl, String idempotencyKey) {
        try {
            Session session = client.v1().checkout().sessions().create(SessionCreateParams.builder()
                    .setMode(SessionCreateParams.Mode.SETUP)
                    .setCustomer(customer)
                    .setCurrency(currency.toLowerCase(Locale.ROOT))
                    .setSuccessUrl(successUrl)
                    .setCancelUrl(cancelUrl)
                    .putMetadata("org_id", Long.toString(orgId))
                    .setSetupIntentData(SessionCreateParams.SetupIntentData.builder()
                            .putMetadata("org_id", Long.toString(orgId)).build())
                    .build(), key(idempotencyKey));
            return new CheckoutStart(session.getId(), session.getUrl());
        } catch (StripeException e) {
            throw failure(e);
        }
    }

    /** The payment method a SetupIntent saved, or null while it has none. */
    public String setupIntentPaymentMethod(String setupIntentId) {
        try {
            SetupIntent intent = client.v1().setupIntents().retrieve(setupIntentId);
            return "succeeded".equals(intent.getStatus()) ? intent.getPaymentMethod() : null;
        } catch (StripeException e) {
            throw failure(e);
        }
    }

    public MethodDetails paymentMethod(String paymentMethodId) {
        try {
            PaymentMethod method = client.v1().paymentMethods().retrieve(paymentMethodId);
            PaymentMethod.Card card = method.getCard();
            return new MethodDetails(method.getId(), method.getType(), method.getCustomer(),
                    card == null ? null : card.getBrand(), card == null ? null : card.getLast4(),
                    card == null ? null : card.getExpMonth(), card == null ? null : card.getExpYear());
        } catch (StripeException e) {
            throw failure(e);
        }
    }

    /** Makes the payment method the one Stripe itself uses for the customer's invoices. */
    public void makeDefault(String customer, String paymentMethodId) {
        try {
            client.v1().customers().update(customer, CustomerUpdateParams.builder()
                    .setInvoiceSettings(CustomerUpdateParams.InvoiceSettings.builder()
                            .setDefaultPaymentMethod(paymentMethodId).build())
                    .build());
        } catch (StripeException e) {
            throw failure(e);
        }
    }

    /** Detaches the payment method from its customer; one Stripe no longer knows counts as detached. */
    public void detach(String paymentMethodId) {
        try {
            client.v1().paymentMethods().detach(paymentMethodId);
        } catch (InvalidRequestException e) {
            if (!"resource_missing".equals(e.getCode()) && !"payment_method_not_attached".equals(e.getCode())) {
                throw failure(e);
            }
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
