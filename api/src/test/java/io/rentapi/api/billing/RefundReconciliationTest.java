package io.rentapi.api.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.rentapi.api.billing.BillingFixtures.planId;
import static io.rentapi.api.billing.StripeStandIn.intent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import io.rentapi.billing.BillingEngine;
import io.rentapi.billing.gateway.PayPalGateway;
import io.rentapi.billing.gateway.StripeGateway;
import io.rentapi.billing.payments.Payment;
import io.rentapi.billing.payments.Refund;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.tenancy.OrgId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Refunds that the provider has not finished ({@code pending}) are asked about by reconciliation
 * on the schedule of pending payments, and settled once: succeeded, they count as refunded; failed,
 * their amount can be refunded again.
 */
@ExtendWith(TestApp.class)
class RefundReconciliationTest {
    private static final String INTENT = "pi_3MtwBwLkdIwHu7ixPendingRefund";
    private static WireMockServer stripe;

    @BeforeAll
    static void start() {
        stripe = new WireMockServer(options().dynamicPort());
        stripe.start();
    }

    @AfterAll
    static void stop() {
        if (stripe != null) {
            stripe.stop();
        }
    }

    @BeforeEach
    void stubs() {
        stripe.resetAll();
        stripe.stubFor(post("/v1/customers").willReturn(okJson(StripeStandIn.customer(null))));
    }

    @Test
    void aRefundStripeRefusesIsSettledFailedWithAnEventAndLeavesTheAmountRefundable() {
        Paid paid = paid(Instant.parse("2046-01-01T00:00:00Z"));
        stripe.stubFor(post("/v1/refunds").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"type": "invalid_request_error", "code": "charge_disputed",
                          "message": "Charge ch_1 has been charged back; cannot issue a refund."}}
                        """)));

        assertThatThrownBy(() -> paid.billing().payments().refund(paid.org(), paid.paymentId(), 700L, null, false))
                .isInstanceOf(ApiException.class).hasMessageContaining("charged back");

        assertThat(paid.lastRefund().status()).isEqualTo("failed");
        assertThat(paid.lastRefund().nextCheckAt()).as("settled: not asked about again").isNull();
        assertThat(TestBilling.events(paid.org())).containsOnlyOnce("payment.refund_failed");
        stripe.stubFor(post("/v1/refunds").willReturn(okJson(refund("re_3MtwBwAfterRefusal", "succeeded"))));
        assertThat(paid.billing().payments().refund(paid.org(), paid.paymentId(), null, null, false).amountRefunded())
                .as("the refused amount is refundable again").isEqualTo(1900);
    }

    @Test
    void aRefundThroughAProviderThisDeploymentHasNoKeysForIsRefusedWith422AndLeavesNoPendingRefund() {
        Tenant tenant = Tenants.register();
        Paid paid = paid(Instant.parse("2047-01-01T00:00:00Z"), tenant.orgId());

        // the API of these tests runs without Stripe keys
        ApiResponse refused = TestApp.api().post("/v1/payments/" + paid.paymentId() + "/refund", tenant.accessToken(),
                ApiClient.object("amount", 700));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("provider_not_configured");
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(TestBilling.value(paid.org(), "SELECT COUNT(*) FROM refunds WHERE org_id = :org", Long.class))
                .isZero();
        ApiResponse toCredit = TestApp.api().post("/v1/payments/" + paid.paymentId() + "/refund",
                tenant.accessToken(), ApiClient.object("amount", 700, "to_credit", true));
        assertThat(toCredit.status()).as("a refund to the credit balance needs no provider").isEqualTo(200);
    }

    @Test
    void aPendingRefundThatStripeLaterCompletesCountsAsRefundedOnce() {
        Paid paid = paid(Instant.parse("2042-01-01T00:00:00Z"));
        stripe.stubFor(post("/v1/refunds").willReturn(okJson(refund("re_3MtwBwPending", "pending"))));

        Payment afterRequest = paid.billing().payments().refund(paid.org(), paid.paymentId(), 700L, "goodwill", false);

        assertThat(afterRequest.status()).as("nothing is refunded until Stripe says so").isEqualTo("succeeded");
        assertThat(afterRequest.amountRefunded()).isZero();
        assertThat(paid.lastRefund().status()).isEqualTo("pending");
        assertThatThrownBy(() -> paid.billing().payments().refund(paid.org(), paid.paymentId(), 1900L, null, false))
                .as("the pending amount stays reserved").isInstanceOf(ApiException.class)
                .hasMessageContaining("refundable 1200");

        stripe.stubFor(get("/v1/refunds/re_3MtwBwPending").willReturn(okJson(refund("re_3MtwBwPending", "succeeded"))));
        paid.clock().advance(Duration.ofMinutes(59));
        paid.billing().reconciliation().checkInFlight();
        stripe.verify(0, getRequestedFor(urlEqualTo("/v1/refunds/re_3MtwBwPending")));
        paid.clock().advance(Duration.ofMinutes(1));
        paid.billing().reconciliation().checkInFlight();

        Payment settled = paid.billing().payments().get(paid.org(), paid.paymentId());
        assertThat(settled.status()).isEqualTo("partially_refunded");
        assertThat(settled.amountRefunded()).isEqualTo(700);
        assertThat(paid.lastRefund().status()).isEqualTo("succeeded");
        assertThat(TestBilling.events(paid.org())).containsOnlyOnce("payment.refunded");

        paid.clock().advance(Duration.ofDays(2));
        paid.billing().reconciliation().checkInFlight();
        stripe.verify(1, getRequestedFor(urlEqualTo("/v1/refunds/re_3MtwBwPending")));
        assertThat(paid.billing().payments().get(paid.org(), paid.paymentId()).amountRefunded()).as("counted once").isEqualTo(700);
    }

    @Test
    void aPendingRefundThatFailsAtStripeMakesItsAmountRefundableAgain() {
        Paid paid = paid(Instant.parse("2043-01-01T00:00:00Z"));
        stripe.stubFor(post("/v1/refunds").willReturn(okJson(refund("re_3MtwBwWillFail", "pending"))));
        paid.billing().payments().refund(paid.org(), paid.paymentId(), null, "cancelled order", false);
        stripe.stubFor(get("/v1/refunds/re_3MtwBwWillFail").willReturn(okJson(refund("re_3MtwBwWillFail", "pending"))));

        paid.clock().advance(Duration.ofHours(1));
        paid.billing().reconciliation().checkInFlight();
        assertThat(paid.lastRefund().status()).as("still pending after an hour").isEqualTo("pending");
        stripe.stubFor(get("/v1/refunds/re_3MtwBwWillFail").willReturn(okJson(refund("re_3MtwBwWillFail", "failed"))));
        paid.clock().advance(Duration.ofHours(23));
        paid.billing().reconciliation().checkInFlight();
        assertThat(paid.lastRefund().status()).as("asked daily after the first hour").isEqualTo("pending");
        paid.clock().advance(Duration.ofHours(1));
        paid.billing().reconciliation().checkInFlight();

        Payment after = paid.billing().payments().get(paid.org(), paid.paymentId());
        assertThat(paid.lastRefund().status()).isEqualTo("failed");
        assertThat(after.status()).isEqualTo("succeeded");
        assertThat(after.amountRefunded()).isZero();
        assertThat(TestBilling.events(paid.org())).contains("payment.refund_failed").doesNotContain("payment.refunded");

        stripe.stubFor(post("/v1/refunds").willReturn(okJson(refund("re_3MtwBwSecondTry", "succeeded"))));
        Payment refunded = paid.billing().payments().refund(paid.org(), paid.paymentId(), null, "second try", false);
        assertThat(refunded.status()).as("the failed refund's amount was freed").isEqualTo("refunded");
        assertThat(refunded.amountRefunded()).isEqualTo(1900);
    }

    @Test
    void aRefundWhoseCreationWasNeverAnsweredIsFoundByItsKeyAtStripe() {
        Paid paid = paid(Instant.parse("2044-01-01T00:00:00Z"));
        stripe.stubFor(post("/v1/refunds").willReturn(aResponse().withStatus(500).withHeader("Content-Type",
                "application/json").withBody("{\"error\": {\"type\": \"api_error\", \"message\": \"Something went wrong.\"}}")));
        assertThatThrownBy(() -> paid.billing().payments().refund(paid.org(), paid.paymentId(), 500L, null, false))
                .isInstanceOf(ApiException.class).hasMessageContaining("stays pending");
        long refundId = paid.lastRefund().id();
        stripe.stubFor(get(urlPathEqualTo("/v1/refunds")).willReturn(okJson("""
                {"object": "list", "url": "/v1/refunds", "has_more": false, "data": [%s]}
                """.formatted(refund("re_3MtwBwLostAnswer", "succeeded").replace("\"metadata\": {}",
                "\"metadata\": {\"rentapi_key\": \"rentapi-refund-" + refundId + "\"}")))));

        paid.clock().advance(Duration.ofHours(1));
        paid.billing().reconciliation().checkInFlight();

        stripe.verify(getRequestedFor(urlPathEqualTo("/v1/refunds")).withQueryParam("payment_intent",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(INTENT)));
        assertThat(paid.billing().payments().get(paid.org(), paid.paymentId()).amountRefunded()).isEqualTo(500);
        assertThat(paid.lastRefund().providerRef()).isEqualTo("re_3MtwBwLostAnswer");
    }

    @Test
    void aPendingPayPalRefundIsAskedAboutUntilPayPalCompletesIt() {
        MutableClock clock = new MutableClock(Instant.parse("2045-01-01T00:00:00Z"));
        BillingEngine billing = TestBilling.engine(clock, new PayPalGateway("paypal-client", "paypal-secret",
                stripe.baseUrl(), stripe.baseUrl(), Duration.ofSeconds(5)));
        OrgId org = Tenants.register().orgId();
        stripe.stubFor(post("/v1/oauth2/token").willReturn(okJson("""
                {"scope": "https://uri.paypal.com/services/payments/payment", "access_token": "A21AAFakeAccessToken",
                 "token_type": "Bearer", "app_id": "APP-80W284485P519543T", "expires_in": 32400, "nonce": "2045-01-01T00:00:00Z"}
                """)));
        String completed = """
                {"id": "5O190127TN364715T", "status": "COMPLETED", "intent": "CAPTURE",
                 "purchase_units": [{"reference_id": "default", "payments": {"captures": [
                   {"id": "3C679366HH908993F", "status": "COMPLETED", "amount": {"currency_code": "USD", "value": "19.00"}}]}}]}
                """;
        stripe.stubFor(post("/v2/checkout/orders").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(completed)));
        stripe.stubFor(get("/v2/checkout/orders/5O190127TN364715T").willReturn(okJson(completed)));
        Payment payment = billing.subscriptions().subscribe(org, planId("basic"), "month", false, "paypal").payment();
        assertThat(payment.status()).isEqualTo("succeeded");
        stripe.stubFor(post("/v2/payments/captures/3C679366HH908993F/refund").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(paypalRefund("PENDING"))));

        billing.payments().refund(org, payment.id(), null, null, false);
        assertThat(billing.payments().get(org, payment.id()).amountRefunded()).isZero();

        stripe.stubFor(get("/v2/payments/refunds/1JU08902781691411").willReturn(okJson(paypalRefund("COMPLETED"))));
        clock.advance(Duration.ofHours(1));
        billing.reconciliation().checkInFlight();

        Payment refunded = billing.payments().get(org, payment.id());
        assertThat(refunded.status()).isEqualTo("refunded");
        assertThat(refunded.amountRefunded()).isEqualTo(1900);
    }

    /** A refund in PayPal's documented shape. */
    private static String paypalRefund(String status) {
        return """
                {"id": "1JU08902781691411", "amount": {"value": "19.00", "currency_code": "USD"}, "status": "%s",
                 "create_time": "2045-01-01T00:00:00Z", "update_time": "2045-01-01T00:00:00Z",
                 "links": [{"rel": "self", "method": "GET", "href": "https://api-m.paypal.com/v2/payments/refunds/1JU08902781691411"},
                           {"rel": "up", "method": "GET", "href": "https://api-m.paypal.com/v2/payments/captures/3C679366HH908993F"}]}
                """.formatted(status);
    }

    private record Paid(MutableClock clock, BillingEngine billing, OrgId org, long paymentId) {
        Refund lastRefund() {
            var refunds = billing.payments().refunds(org, paymentId);
            return refunds.get(refunds.size() - 1);
        }
    }

    /** A new organization that paid 19.00 through Stripe for its Basic subscription, at {@code start}. */
    private static Paid paid(Instant start) {
        return paid(start, Tenants.register().orgId());
    }

    private static Paid paid(Instant start, OrgId org) {
        MutableClock clock = new MutableClock(start);
        BillingEngine billing = TestBilling.engine(clock, new StripeGateway("sk_test_stand_in", stripe.baseUrl(),
                Duration.ofSeconds(5)));
        stripe.stubFor(post("/v1/payment_intents").willReturn(okJson(intent(INTENT, "succeeded", org.value(), 0,
                "pm_card_visa"))));
        Payment payment = billing.subscriptions().subscribe(org, planId("basic"), "month", false, "stripe").payment();
        assertThat(payment.status()).isEqualTo("succeeded");
        return new Paid(clock, billing, org, payment.id());
    }

    /** A refund in Stripe's documented shape. */
    private static String refund(String id, String status) {
        return """
                {"id": "%s", "object": "refund", "amount": 700, "balance_transaction": null,
                 "charge": "ch_3MtwBwLkdIwHu7ix1Dr5bWqz", "created": 1692942318, "currency": "usd",
                 "destination_details": {"card": {"reference_status": "pending", "type": "refund"}, "type": "card"},
                 "metadata": {}, "payment_intent": "%s", "reason": null, "receipt_number": null,
                 "source_transfer_reversal": null, "status": "%s", "transfer_reversal": null}
                """.formatted(id, INTENT, status);
    }
}
