package io.rentapi.api.billing;

import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.ApiClient.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Stripe's side of its webhooks, for tests: events in Stripe's envelope, signed as Stripe signs them. */
final class StripeStandIn {
    static final String WEBHOOK_SECRET = "whsec_test_0123456789abcdef";
    /** The customer every organization gets from the stand-in. */
    static final String CUSTOMER = "cus_NffrFeUfNV2Hib";

    private StripeStandIn() {
    }

    /** The header as Stripe sends it: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload"> under the endpoint secret. */
    static String stripeSignature(String payload) {
        long t = Instant.now().getEpochSecond();
        return "t=" + t + ",v1=" + sign(t + "." + payload, WEBHOOK_SECRET);
    }

    static String sign(String signedPayload, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signedPayload.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String event(String id, String type, String object) {
        return event(id, type, Instant.now().getEpochSecond(), object);
    }

    /** An event in Stripe's envelope; {@code created} is when Stripe says it happened. */
    static String event(String id, String type, long created, String object) {
        return """
                {"id": "%s", "object": "event", "api_version": "2024-06-20", "created": %d, "livemode": false,
                 "pending_webhooks": 1, "type": "%s", "data": {"object": %s}}
                """.formatted(id, created, type, object);
    }

    static ApiResponse webhook(ApiClient api, String payload, String signature) {
        var call = api.call("POST", "/v1/providers/stripe/webhook").raw(payload, "application/json; charset=utf-8");
        if (signature != null) {
            call.header("Stripe-Signature", signature);
        }
        return call.send();
    }

    /** A customer in Stripe's documented shape, with the default payment method of its invoices. */
    static String customer(String defaultPaymentMethod) {
        return """
                {"id": "%s", "object": "customer", "created": 1680893993, "livemode": false,
                 "description": "rentapi organization", "email": null, "metadata": {},
                 "invoice_settings": {"custom_fields": null, "default_payment_method": %s, "footer": null}}
                """.formatted(CUSTOMER, defaultPaymentMethod == null ? "null" : "\"" + defaultPaymentMethod + "\"");
    }

    /** A PaymentIntent in Stripe's documented shape; payment id 0 leaves the metadata to the request's. */
    static String intent(String id, String status, long orgId, long paymentId, String paymentMethod) {
        String lastError = status.equals("requires_payment_method") && paymentId != 0 ? """
                {"type": "card_error", "code": "card_declined", "decline_code": "generic_decline",
                 "message": "Your card was declined."}""" : "null";
        return """
                {"id": "%s", "object": "payment_intent", "amount": 1900, "amount_received": %d, "currency": "usd",
                 "status": "%s", "client_secret": "%s_secret_test", "customer": "cus_NffrFeUfNV2Hib",
                 "payment_method": %s, "capture_method": "automatic", "confirmation_method": "automatic",
                 "created": 1680800504, "livemode": false, "last_payment_error": %s,
                 "metadata": {"org_id": "%d", "payment_id": "%d"}}
                """.formatted(id, status.equals("succeeded") ? 1900 : 0, status, id,
                paymentMethod == null ? "null" : "\"" + paymentMethod + "\"", lastError, orgId, paymentId);
    }
}
