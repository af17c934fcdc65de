package io.rentapi.billing.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rentapi.billing.gateway.ChargeResult;
import io.rentapi.billing.gateway.GatewayException;
import io.rentapi.billing.gateway.PayPalGateway;
import io.rentapi.billing.methods.PaymentMethodService;
import io.rentapi.billing.payments.Payment;
import io.rentapi.billing.payments.PaymentDao;
import io.rentapi.billing.payments.PaymentService;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound webhooks from Stripe and PayPal. A delivery is verified first (a bad one changes
 * nothing), then processed unless its event id was processed before; outcomes go through
 * {@link PaymentService#settle}, which never moves a payment backwards, and Stripe's set-up events
 * through {@link PaymentMethodService#saveFromStripe}, which never lets an older event replace a
 * newer method, so events arriving out of order are harmless. The event id is claimed (inserted,
 * or found taken) in the transaction that records the outcome: of deliveries racing each other only
 * the one that claims it is processed, and a delivery that fails half-way rolls its claim back, so it
 * is processed again when the provider retries it. Provider calls happen before that transaction.
 */
public final class ProviderWebhooks {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderWebhooks.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final PaymentService payments;
    private final PaymentMethodService paymentMethods;
    private final String stripeSecret;
    private final PayPalGateway paypal;
    private final String paypalWebhookId;
    private final Clock clock;

    public ProviderWebhooks(Jdbi jdbi, PaymentService payments, PaymentMethodService paymentMethods,
                            String stripeSecret, PayPalGateway paypal, String paypalWebhookId, Clock clock) {
        this.jdbi = jdbi;
        this.payments = payments;
        this.paymentMethods = paymentMethods;
        this.stripeSecret = stripeSecret;
        this.paypal = paypal;
        this.paypalWebhookId = paypalWebhookId;
        this.clock = clock;
    }

    /** What became of a delivery. */
    public enum Outcome { PROCESSED, DUPLICATE, IGNORED }

    public Outcome stripe(String payload, String signature) {
        if (stripeSecret == null || !StripeSignature.verify(payload, signature, stripeSecret, clock.instant())) {
            throw new ApiException(ErrorCode.INVALID_WEBHOOK_SIGNATURE, "The Stripe-Signature header does not verify.");
        }
        JsonNode event = parse(payload);
        String id = event.path("id").asText("");
        String type = event.path("type").asText("");
        if (id.isEmpty()) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "The event has no id.");
        }
        if (seen("stripe", id)) {
            return Outcome.DUPLICATE; // the claim decides; this only spares the work of a plain redelivery
        }
        JsonNode intent = event.path("data").path("object");
        if (type.startsWith("payment_intent.") && "payment_intent".equals(intent.path("object").asText())) {
            Optional<Payment> payment = stripePayment(intent);
            ChargeResult result = payment.isEmpty() ? null : switch (type) {
                case "payment_intent.succeeded" -> new ChargeResult("succeeded", intent.path("id").asText(), null,
                        null, text(intent, "payment_method"), null, null);
                case "payment_intent.payment_failed" -> ChargeResult.failed(intent.path("id").asText(),
                        text(intent.path("last_payment_error"), "decline_code") != null
                                ? text(intent.path("last_payment_error"), "decline_code")
                                : text(intent.path("last_payment_error"), "code"),
                        text(intent.path("last_payment_error"), "message"));
                case "payment_intent.canceled" -> ChargeResult.failed(intent.path("id").asText(), "canceled",
                        "The payment was canceled.");
                case "payment_intent.processing" -> ChargeResult.pending(intent.path("id").asText());
                default -> null;
            };
            if (result != null) {
                return settleOnce("stripe", id, type, payload, payment.get(), result);
            }
        } else if (type.equals("setup_intent.succeeded") && "setup_intent".equals(intent.path("object").asText())) {
            return savePaymentMethod(event, intent, () -> text(intent, "payment_method"), "setup_intent", payload);
        } else if (type.equals("checkout.session.completed")
                && "checkout.session".equals(intent.path("object").asText())
                && "setup".equals(intent.path("mode").asText()) && text(intent, "setup_intent") != null) {
            // the session names its SetupIntent only; the payment method is on the intent
            return savePaymentMethod(event, intent,
                    () -> paymentMethods.setupIntentPaymentMethod(text(intent, "setup_intent")), "checkout", payload);
        }
        return once("stripe", id, type, payload, h -> Outcome.IGNORED);
    }

    public Outcome paypal(String payload, Map<String, String> headers) {
        JsonNode event = parse(payload);
        if (paypal == null || paypalWebhookId == null || !verifiedByPayPal(event, headers)) {
            throw new ApiException(ErrorCode.INVALID_WEBHOOK_SIGNATURE, "PayPal did not verify this delivery.");
        }
        String id = event.path("id").asText("");
        String type = event.path("event_type").asText("");
        if (seen("paypal", id)) {
            return Outcome.DUPLICATE;
        }
        JsonNode resource = event.path("resource");
        String orderId = switch (type) {
            case "CHECKOUT.ORDER.APPROVED", "CHECKOUT.ORDER.COMPLETED" -> text(resource, "id");
            case "PAYMENT.CAPTURE.COMPLETED", "PAYMENT.CAPTURE.DENIED" ->
                    text(resource.path("supplementary_data").path("related_ids"), "order_id");
            default -> null;
        };
        Outcome outcome = Outcome.IGNORED;
        Optional<Payment> payment = orderId == null ? Optional.empty()
                : jdbi.onDemand(PaymentDao.class).findByProviderRef(PayPalGateway.NAME, orderId);
        if (payment.isPresent() && "CHECKOUT.ORDER.APPROVED".equals(type) && !payment.get().state().inFlight()) {
            // approved after we settled the payment (abandoned, or paid another way): capturing would take money
            // we no longer ask for; an order nobody captures moves none
            LOG.info("PayPal order {} approved for payment {} of org {}, which is {}: not captured", orderId,
                    payment.get().id(), payment.get().orgId(), payment.get().status());
            payment = Optional.empty();
        }
        if (payment.isPresent()) {
            Payment p = payment.get();
            // a capture raced by a redelivery is asked for twice with one request id: PayPal captures once
            ChargeResult result = switch (type) {
                case "CHECKOUT.ORDER.APPROVED" -> capture(p, orderId);
                case "PAYMENT.CAPTURE.DENIED" -> ChargeResult.failed(orderId, "capture_denied", "PayPal denied the capture.");
                default -> ChargeResult.succeeded(orderId);
            };
            return settleOnce("paypal", id, type, payload, p, result);
        }
        return once("paypal", id, type, payload, h -> Outcome.IGNORED);
    }

    /** Records the outcome with the claim of the event; the failure's release at the provider follows the commit. */
    private Outcome settleOnce(String provider, String id, String type, String payload, Payment p,
                               ChargeResult result) {
        Optional<PaymentService.Settled> settled = claimed(provider, id, type, payload,
                h -> payments.settle(h, p.orgId(), p.id(), result));
        settled.ifPresent(payments::release);
        return settled.isPresent() ? Outcome.PROCESSED : Outcome.DUPLICATE;
    }

    private Outcome once(String provider, String id, String type, String payload, Function<Handle, Outcome> work) {
        return claimed(provider, id, type, payload, work).orElse(Outcome.DUPLICATE);
    }

    /** The work's answer, done in the transaction that claims the event id; empty when another delivery claimed it. */
    private <T> Optional<T> claimed(String provider, String id, String type, String payload, Function<Handle, T> work) {
        return jdbi.inTransaction(h -> claim(h, provider, id, type, payload)
                ? Optional.of(work.apply(h)) : Optional.<T>empty());
    }

    /** Inserts the event id; a concurrent delivery's insert waits for this transaction and then finds it taken. */
    private boolean claim(Handle h, String provider, String id, String type, String payload) {
        return h.attach(ProviderEventDao.class).claim(provider, id, type, payload, clock.instant()) == 1;
    }

    /** A payment method set up for the organization in the object's metadata, saved unless an older event. */
    private Outcome savePaymentMethod(JsonNode event, JsonNode object, Supplier<String> paymentMethodId,
                                      String source, String payload) {
        String id = event.path("id").asText();
        String type = event.path("type").asText();
        long orgId;
        try {
            orgId = Long.parseLong(object.path("metadata").path("org_id").asText());
        } catch (NumberFormatException e) {
            return once("stripe", id, type, payload, h -> Outcome.IGNORED); // set up outside this product
        }
        Instant created = Instant.ofEpochSecond(event.path("created").asLong(0));
        boolean[] claimed = new boolean[2]; // asked, won
        boolean saved = paymentMethods.saveFromStripe(OrgId.of(orgId), text(object, "customer"), paymentMethodId.get(),
                source, created, h -> {
                    claimed[0] = true;
                    claimed[1] = claim(h, "stripe", id, type, payload);
                    return claimed[1];
                });
        if (!claimed[0]) {
            return once("stripe", id, type, payload, h -> Outcome.IGNORED);
        }
        return !claimed[1] ? Outcome.DUPLICATE : saved ? Outcome.PROCESSED : Outcome.IGNORED;
    }

    private ChargeResult capture(Payment p, String orderId) {
        try {
            return paypal.capture(orderId, "rentapi-payment-" + p.id());
        } catch (GatewayException e) {
            return e.uncertain() ? ChargeResult.unknown(orderId, e.getMessage())
                    : ChargeResult.failed(orderId, "capture_failed", e.getMessage());
        }
    }

    private boolean verifiedByPayPal(JsonNode event, Map<String, String> headers) {
        Map<String, Object> verification = new LinkedHashMap<>();
        verification.put("auth_algo", headers.get("paypal-auth-algo"));
        verification.put("cert_url", headers.get("paypal-cert-url"));
        verification.put("transmission_id", headers.get("paypal-transmission-id"));
        verification.put("transmission_sig", headers.get("paypal-transmission-sig"));
        verification.put("transmission_time", headers.get("paypal-transmission-time"));
        verification.put("webhook_id", paypalWebhookId);
        verification.put("webhook_event", JSON.convertValue(event, Map.class));
        if (verification.values().stream().anyMatch(v -> v == null)) {
            return false;
        }
        try {
            return paypal.verifyWebhook(verification);
        } catch (GatewayException e) {
            LOG.warn("PayPal could not verify a webhook delivery: {}", e.getMessage());
            throw new ApiException(ErrorCode.PAYMENT_PROVIDER_ERROR, "PayPal could not verify the delivery; retry later.");
        }
    }

    /** The payment a PaymentIntent belongs to: by the metadata we put on it, checked against its id. */
    private Optional<Payment> stripePayment(JsonNode intent) {
        JsonNode metadata = intent.path("metadata");
        String intentId = intent.path("id").asText();
        try {
            long orgId = Long.parseLong(metadata.path("org_id").asText());
            long paymentId = Long.parseLong(metadata.path("payment_id").asText());
            return jdbi.onDemand(PaymentDao.class).find(OrgId.of(orgId), paymentId)
                    .filter(p -> "stripe".equals(p.provider()))
                    .filter(p -> p.providerRef() == null || p.providerRef().equals(intentId));
        } catch (IllegalArgumentException e) {
            return jdbi.onDemand(PaymentDao.class).findByProviderRef("stripe", intentId);
        }
    }

    private boolean seen(String provider, String id) {
        return jdbi.onDemand(ProviderEventDao.class).seen(provider, id);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static JsonNode parse(String payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            if (node == null || !node.isObject()) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "The event is not a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "The event is not JSON.");
        }
    }
}
