package io.rentapi.api.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.rentapi.api.billing.BillingFixtures.planId;
import static io.rentapi.api.billing.StripeStandIn.WEBHOOK_SECRET;
import static io.rentapi.api.billing.StripeStandIn.event;
import static io.rentapi.api.billing.StripeStandIn.intent;
import static io.rentapi.api.billing.StripeStandIn.sign;
import static io.rentapi.api.billing.StripeStandIn.stripeSignature;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dropwizard.testing.ConfigOverride;
import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import io.rentapi.billing.BillingEngine;
import io.rentapi.billing.gateway.StripeGateway;
import io.rentapi.billing.invoices.Invoice;
import io.rentapi.billing.invoices.InvoiceDao;
import io.rentapi.billing.payments.Payment;
import io.rentapi.billing.subscriptions.SubscriptionService.Outcome;
import io.rentapi.core.tenancy.OrgId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stripe and PayPal, stood in for by WireMock on their real API paths with their documented JSON:
 * signed Stripe webhooks (wrong signature, replay, out-of-order), PayPal's approve-and-capture with
 * verified webhooks, dunning of declined renewals, and a provider timeout settled by reconciliation;
 * outcomes that arrive late (money for an invoice already paid is credited and reported), declines
 * released at Stripe, and one event delivered many times at once.
 */
@ExtendWith(TestApp.class)
class ProviderBillingTest {
    private static final String PAYPAL_ORDER = "5O190127TN364715T";
    private static WireMockServer providers;
    private static TestApp.Running app;

    @BeforeAll
    static void start() {
        providers = new WireMockServer(options().dynamicPort());
        providers.start();
        app = TestApp.another(
                ConfigOverride.config("billing.stripe.secretKey", "sk_test_stand_in"),
                ConfigOverride.config("billing.stripe.apiBase", providers.baseUrl()),
                ConfigOverride.config("billing.stripe.webhookSecret", WEBHOOK_SECRET),
                ConfigOverride.config("billing.stripe.timeout", "2s"),
                ConfigOverride.config("billing.paypal.clientId", "paypal-client"),
                ConfigOverride.config("billing.paypal.clientSecret", "paypal-secret"),
                ConfigOverride.config("billing.paypal.webhookId", "WH-ID-1"),
                ConfigOverride.config("billing.paypal.baseUrl", providers.baseUrl()),
                ConfigOverride.config("billing.paypal.webUrl", providers.baseUrl()));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (providers != null) {
            providers.stop();
        }
    }

    @BeforeEach
    void stubs() {
        providers.resetAll();
        providers.stubFor(post("/v1/customers").willReturn(okJson("""
                {"id": "cus_NffrFeUfNV2Hib", "object": "customer", "created": 1680893993, "livemode": false,
                 "description": "rentapi organization", "email": null, "metadata": {}}
                """)));
        providers.stubFor(post("/v1/oauth2/token").willReturn(okJson("""
                {"scope": "https://uri.paypal.com/services/payments/payment", "access_token": "A21AAFakeAccessToken",
                 "token_type": "Bearer", "app_id": "APP-80W284485P519543T", "expires_in": 32400, "nonce": "2026-11-21T00:00:00Z"}
                """)));
    }

    @Test
    void aSignedStripeWebhookSettlesThePaymentOnceAndNeverBackwards() {
        Tenant tenant = Tenants.register();
        providers.stubFor(post("/v1/payment_intents").willReturn(okJson(intent("pi_3MtwBwLkdIwHu7ix28a3tqPa",
                "requires_payment_method", tenant.orgId().value(), 0, null))));

        ApiResponse subscribed = app.api().post("/v1/subscription", tenant.accessToken(),
                ApiClient.object("plan_id", planId("basic"), "provider", "stripe"));
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
        var payment = subscribed.json().get("latest_payment");
        long paymentId = payment.get("id").asLong();
        assertThat(payment.get("status").asText()).isEqualTo("pending");
        assertThat(payment.get("client_secret").asText()).isEqualTo("pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_test");
        providers.verify(postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo("rentapi-payment-" + paymentId))
                .withRequestBody(containing("customer=cus_NffrFeUfNV2Hib"))
                .withRequestBody(containing("amount=1900")));

        String succeeded = event("evt_1NG8Du2eZvKYlo2CUI79vXWy", "payment_intent.succeeded",
                intent("pi_3MtwBwLkdIwHu7ix28a3tqPa", "succeeded", tenant.orgId().value(), paymentId, "pm_1NG8Du"));
        long now = Instant.now().getEpochSecond();

        assertRefused(webhook(succeeded, "t=" + now + ",v1=" + sign(now + "." + succeeded, "whsec_wrong")));
        assertRefused(webhook(succeeded, null));
        long stale = now - 301;
        assertRefused(webhook(succeeded, "t=" + stale + ",v1=" + sign(stale + "." + succeeded, WEBHOOK_SECRET)));
        assertRefused(webhook(succeeded.replace("1900", "1"), "t=" + now + ",v1=" + sign(now + "." + succeeded, WEBHOOK_SECRET)));
        assertThat(paymentStatus(tenant, paymentId)).as("refused deliveries change nothing").isEqualTo("pending");

        ApiResponse accepted = webhook(succeeded, stripeSignature(succeeded));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().get("outcome").asText()).isEqualTo("processed");
        assertThat(paymentStatus(tenant, paymentId)).isEqualTo("succeeded");
        long invoiceId = subscribed.json().get("latest_invoice").get("id").asLong();
        assertThat(TestApp.api().get("/v1/invoices/" + invoiceId, tenant.accessToken()).json().get("status").asText())
                .isEqualTo("paid");
        assertThat(TestBilling.value(tenant.orgId(),
                "SELECT stripe_payment_method_id FROM billing_accounts WHERE org_id = :org", String.class))
                .as("the card is saved for renewals").isEqualTo("pm_1NG8Du");

        ApiResponse replay = webhook(succeeded, stripeSignature(succeeded));
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("outcome").asText()).isEqualTo("duplicate");

        String late = event("evt_1NG8Du2eZvKYlo2Cprocess", "payment_intent.processing",
                intent("pi_3MtwBwLkdIwHu7ix28a3tqPa", "processing", tenant.orgId().value(), paymentId, null));
        String failed = event("evt_1NG8Du2eZvKYlo2Cfailed", "payment_intent.payment_failed",
                intent("pi_3MtwBwLkdIwHu7ix28a3tqPa", "requires_payment_method", tenant.orgId().value(), paymentId, null));
        assertThat(webhook(late, stripeSignature(late)).status()).isEqualTo(200);
        assertThat(webhook(failed, stripeSignature(failed)).status()).isEqualTo(200);
        assertThat(paymentStatus(tenant, paymentId)).as("late events do not move a payment back").isEqualTo("succeeded");
        assertThat(TestBilling.events(tenant.orgId()).stream().filter(e -> e.startsWith("payment.")))
                .containsExactly("payment.succeeded");
    }

    @Test
    void paypalOrdersAreApprovedByTheBuyerAndCapturedOnTheVerifiedWebhook() {
        Tenant tenant = Tenants.register();
        providers.stubFor(post("/v2/checkout/orders").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(order("CREATED"))));
        providers.stubFor(post("/v2/checkout/orders/" + PAYPAL_ORDER + "/capture").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(order("COMPLETED"))));

        ApiResponse subscribed = app.api().post("/v1/subscription", tenant.accessToken(),
                ApiClient.object("plan_id", planId("basic"), "provider", "paypal"));
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
        var payment = subscribed.json().get("latest_payment");
        long paymentId = payment.get("id").asLong();
        assertThat(payment.get("status").asText()).isEqualTo("pending");
        assertThat(payment.get("approval_url").asText()).endsWith("/checkoutnow?token=" + PAYPAL_ORDER);
        providers.verify(postRequestedFor(urlEqualTo("/v2/checkout/orders"))
                .withHeader("PayPal-Request-Id", equalTo("rentapi-payment-" + paymentId))
                .withRequestBody(matchingJsonPath("$.purchase_units[0].amount.value", equalTo("19.00"))));

        String approved = """
                {"id": "WH-2WR32451HC0233532-67976317FL4543714", "event_version": "1.0",
                 "create_time": "2026-11-21T20:00:00.000Z", "resource_type": "checkout-order",
                 "event_type": "CHECKOUT.ORDER.APPROVED", "summary": "An order has been approved by buyer",
                 "resource": {"id": "%s", "status": "APPROVED", "intent": "CAPTURE"}}
                """.formatted(PAYPAL_ORDER);

        providers.stubFor(post("/v1/notifications/verify-webhook-signature")
                .willReturn(okJson("{\"verification_status\": \"FAILURE\"}")));
        ApiResponse forged = paypalWebhook(approved);
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.code()).isEqualTo("invalid_webhook_signature");
        assertThat(paymentStatus(tenant, paymentId)).isEqualTo("pending");

        providers.stubFor(post("/v1/notifications/verify-webhook-signature")
                .willReturn(okJson("{\"verification_status\": \"SUCCESS\"}")));
        ApiResponse accepted = paypalWebhook(approved);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(paymentStatus(tenant, paymentId)).isEqualTo("succeeded");
        providers.verify(postRequestedFor(urlEqualTo("/v1/notifications/verify-webhook-signature"))
                .withRequestBody(matchingJsonPath("$.webhook_id", equalTo("WH-ID-1")))
                .withRequestBody(matchingJsonPath("$.transmission_id", equalTo("69cd13f0-d67a-11e5-baa3-778b53f4ae55"))));
        providers.verify(1, postRequestedFor(urlEqualTo("/v2/checkout/orders/" + PAYPAL_ORDER + "/capture")));
        assertThat(paypalWebhook(approved).json().get("outcome").asText()).isEqualTo("duplicate");
        providers.verify(1, postRequestedFor(urlEqualTo("/v2/checkout/orders/" + PAYPAL_ORDER + "/capture")));
    }

    @Test
    void declinedRenewalsArePastDueThenRetriedOnScheduleThenCanceled() {
        MutableClock clock = new MutableClock(Instant.parse("2034-01-01T00:00:00Z"));
        BillingEngine billing = TestBilling.engine(clock, stripe(Duration.ofSeconds(5)));
        OrgId org = Tenants.register().orgId();
        providers.stubFor(post("/v1/payment_intents").willReturn(okJson(intent("pi_first", "succeeded",
                org.value(), 0, "pm_card_visa"))));
        Outcome subscribed = billing.subscriptions().subscribe(org, planId("pro"), "month", false, "stripe");
        assertThat(subscribed.payment().status()).isEqualTo("succeeded");

        providers.stubFor(post("/v1/payment_intents").willReturn(declined(org)));
        Instant periodEnd = Instant.parse("2034-02-01T00:00:00Z");
        clock.set(periodEnd);
        billing.renewals().runOnce();

        assertThat(billing.subscriptions().current(org).subscription().status()).isEqualTo("past_due");
        assertThat(TestBilling.planOf(org)).as("quotas are kept while past due").isEqualTo("pro");
        assertThat(TestBilling.mails(org)).containsExactly("billing-payment-failed");
        assertThat(billing.subscriptions().current(org).subscription().nextDunningAt())
                .isEqualTo(periodEnd.plus(Duration.ofDays(3)));
        List<LoggedRequest> renewal = providers.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")));
        assertThat(renewal.get(renewal.size() - 1).getBodyAsString())
                .contains("off_session=true", "payment_method=pm_card_visa", "confirm=true");

        clock.set(periodEnd.plus(Duration.ofDays(3)).minusSeconds(1));
        assertThat(billing.dunning().runOnce()).as("not before the retry is due").isZero();
        for (int day : new int[] {3, 5}) {
            clock.set(periodEnd.plus(Duration.ofDays(day)));
            billing.dunning().runOnce();
            assertThat(billing.subscriptions().current(org).subscription().status()).isEqualTo("past_due");
        }
        clock.set(periodEnd.plus(Duration.ofDays(7)));
        billing.dunning().runOnce();

        assertThat(billing.subscriptions().current(org).subscription().status()).isEqualTo("canceled");
        assertThat(TestBilling.planOf(org)).isEqualTo("free");
        assertThat(latestInvoice(org).status()).isEqualTo("uncollectible");
        assertThat(TestBilling.mails(org)).as("the renewal and two retries failed; the last retry cancels")
                .containsExactly("billing-payment-failed", "billing-payment-failed", "billing-payment-failed",
                        "billing-subscription-canceled");
        assertThat(TestBilling.events(org)).contains("payment.failed", "invoice.marked_uncollectible",
                "subscription.canceled");
        assertThat(TestBilling.value(org, "SELECT COUNT(*) FROM payments WHERE org_id = :org AND status = 'failed'",
                Long.class)).as("the renewal and three retries").isEqualTo(4);
    }

    @Test
    void aRetryThatSucceedsMakesAPastDueSubscriptionActiveAgain() {
        Declined renewal = declinedRenewal(2035, "pi_declined");
        MutableClock clock = renewal.clock();
        BillingEngine billing = renewal.billing();
        OrgId org = renewal.org();
        assertThat(billing.subscriptions().current(org).subscription().status()).isEqualTo("past_due");

        providers.stubFor(post("/v1/payment_intents").willReturn(okJson(intent("pi_retry", "succeeded",
                org.value(), 0, "pm_card_visa"))));
        clock.advance(Duration.ofDays(3));
        billing.dunning().runOnce();

        assertThat(billing.subscriptions().current(org).subscription().status()).isEqualTo("active");
        assertThat(latestInvoice(org).status()).isEqualTo("paid");
        assertThat(TestBilling.mails(org)).containsExactly("billing-payment-failed", "billing-payment-recovered");
    }

    @Test
    void aProviderTimeoutLeavesThePaymentUnknownUntilReconciliationAsksAgain() {
        // not yet found by Stripe's search, which lags: the creation is replayed
        Unanswered unanswered = subscribeUnanswered(2036, "pi_slow", "");
        MutableClock clock = unanswered.clock();
        BillingEngine billing = unanswered.billing();
        OrgId org = unanswered.org();
        Outcome subscribed = unanswered.subscribed();
        Payment unknown = subscribed.payment();
        assertThat(unknown.status()).isEqualTo("unknown");
        assertThat(unknown.nextCheckAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(subscribed.invoice().status()).isEqualTo("open");

        clock.advance(Duration.ofMinutes(4));
        billing.reconciliation().checkInFlight();
        assertThat(billing.payments().get(org, unknown.id()).status()).as("not asked before 5 minutes").isEqualTo("unknown");

        clock.advance(Duration.ofMinutes(1));
        billing.reconciliation().checkInFlight();

        assertThat(billing.payments().get(org, unknown.id()).status()).isEqualTo("succeeded");
        assertThat(latestInvoice(org).status()).isEqualTo("paid");
        List<LoggedRequest> creates = providers.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")));
        assertThat(creates).hasSize(2);
        assertThat(creates).extracting(r -> r.getHeader("Idempotency-Key"))
                .as("the replay carries the same key, so Stripe cannot charge twice")
                .containsOnly("rentapi-payment-" + unknown.id());
    }

    @Test
    void theNightlyComparisonRecordsProviderChargesThatDisagreeWithOursForPlatformAdmins() {
        MutableClock clock = new MutableClock(Instant.parse("2038-01-01T00:00:00Z"));
        BillingEngine billing = TestBilling.engine(clock, stripe(Duration.ofSeconds(5)));
        Tenant tenant = Tenants.register();
        providers.stubFor(post("/v1/payment_intents").willReturn(okJson(intent("pi_matching", "succeeded",
                tenant.orgId().value(), 0, "pm_card_visa"))));
        Payment ours = billing.subscriptions().subscribe(tenant.orgId(), planId("basic"), "month", false, "stripe")
                .payment();
        assertThat(ours.status()).isEqualTo("succeeded");
        providers.stubFor(get(urlPathEqualTo("/v1/charges")).willReturn(okJson("""
                {"object": "list", "url": "/v1/charges", "has_more": false, "data": [
                  {"id": "ch_3MmlLrLkdIwHu7ix0snN0B15", "object": "charge", "amount": 1900, "currency": "usd",
                   "status": "succeeded", "paid": true, "payment_intent": "pi_matching", "created": 1679090539,
                   "metadata": {"payment_id": "%d"}, "livemode": false},
                  {"id": "ch_3MmlLrLkdIwHu7ix0orphan", "object": "charge", "amount": 4200, "currency": "usd",
                   "status": "succeeded", "paid": true, "payment_intent": "pi_nobody_knows", "created": 1679090540,
                   "metadata": {}, "livemode": false}]}
                """.formatted(ours.id()))));

        assertThat(billing.reconciliation().compareRecent(Duration.ofDays(3))).isEqualTo(1);
        assertThat(billing.reconciliation().compareRecent(Duration.ofDays(3))).as("recorded once").isZero();
        providers.verify(getRequestedFor(urlPathEqualTo("/v1/charges")).withQueryParam("created[gte]",
                equalTo(Long.toString(Instant.parse("2037-12-29T00:00:00Z").getEpochSecond()))));

        assertThat(TestApp.api().get("/v1/admin/reconciliation_issues", tenant.accessToken()).status()).isEqualTo(404);
        Tenant operator = BillingFixtures.platformAdmin(Tenants.register());
        ApiResponse issues = TestApp.api().get("/v1/admin/reconciliation_issues?limit=100", operator.accessToken());
        assertThat(issues.status()).as(issues.toString()).isEqualTo(200);
        assertThat(issues.json().get("data").findValuesAsText("provider_ref")).contains("pi_nobody_knows")
                .doesNotContain("pi_matching");
    }

    @Test
    void aPayPalRenewalWaitsForTheBuyerWhoIsMailedTheApprovalLink() {
        MutableClock clock = new MutableClock(Instant.parse("2039-01-01T00:00:00Z"));
        BillingEngine billing = TestBilling.engine(clock, new io.rentapi.billing.gateway.PayPalGateway(
                "paypal-client", "paypal-secret", providers.baseUrl(), providers.baseUrl(), Duration.ofSeconds(5)));
        OrgId org = Tenants.register().orgId();
        providers.stubFor(post("/v2/checkout/orders").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(order("8MC585209K746392H", "CREATED"))));
        billing.subscriptions().subscribe(org, planId("basic"), "month", false, "paypal");
        assertThat(TestBilling.mails(org)).as("the buyer is there to follow the link").isEmpty();

        clock.set(Instant.parse("2039-02-01T00:00:00Z"));
        billing.renewals().runOnce();

        assertThat(latestInvoice(org).status()).isEqualTo("open");
        assertThat(TestBilling.value(org, "SELECT status FROM payments WHERE org_id = :org ORDER BY id DESC LIMIT 1",
                String.class)).isEqualTo("pending");
        assertThat(TestBilling.mails(org)).containsExactly("billing-payment-action-required");
        assertThat(TestBilling.value(org, "SELECT model FROM mail_outbox WHERE org_id = :org", String.class))
                .contains("checkoutnow?token=8MC585209K746392H");
    }

    @Test
    void aStripePaymentTheBuyerNeverCompletesIsAbandonedAndCanceledAtStripe() {
        MutableClock clock = new MutableClock(Instant.parse("2040-01-01T00:00:00Z"));
        BillingEngine billing = TestBilling.engine(clock, stripe(Duration.ofSeconds(5)));
        OrgId org = Tenants.register().orgId();
        // no saved card: Stripe.js must collect one with the client secret, and the buyer never does
        providers.stubFor(post("/v1/payment_intents").willReturn(okJson(intent("pi_waiting", "requires_payment_method",
                org.value(), 0, null))));
        providers.stubFor(get("/v1/payment_intents/pi_waiting").willReturn(okJson(intent("pi_waiting",
                "requires_payment_method", org.value(), 0, null))));
        providers.stubFor(post("/v1/payment_intents/pi_waiting/cancel").willReturn(okJson(intent("pi_waiting",
                "canceled", org.value(), 0, null))));
        Payment waiting = billing.subscriptions().subscribe(org, planId("basic"), "month", false, "stripe").payment();
        assertThat(waiting.status()).isEqualTo("pending");
        assertThat(waiting.clientSecret()).isEqualTo("pi_waiting_secret_test");

        for (int hours : List.of(1, 25, 49, 73, 97, 121, 145)) {
            clock.set(Instant.parse("2040-01-01T00:00:00Z").plus(Duration.ofHours(hours)));
            billing.reconciliation().checkInFlight();
        }
        assertThat(billing.payments().get(org, waiting.id()).status()).as("six days on, still the buyer's to finish")
                .isEqualTo("pending");
        providers.verify(0, postRequestedFor(urlEqualTo("/v1/payment_intents/pi_waiting/cancel")));

        clock.set(Instant.parse("2040-01-08T01:00:00Z"));
        billing.reconciliation().checkInFlight();

        Payment abandoned = billing.payments().get(org, waiting.id());
        assertThat(abandoned.status()).isEqualTo("failed");
        assertThat(abandoned.failureCode()).isEqualTo("abandoned");
        assertThat(abandoned.nextCheckAt()).as("final: never asked about again").isNull();
        providers.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents/pi_waiting/cancel"))
                .withRequestBody(containing("cancellation_reason=abandoned")));
        assertThat(latestInvoice(org).status()).as("still owed").isEqualTo("open");
        assertThat(TestBilling.value(org, "SELECT count(*) FROM events WHERE org_id = :org AND type = 'payment.failed'",
                Long.class)).isEqualTo(1);
    }

    @Test
    void aStripePaymentCompletedJustBeforeItWouldBeAbandonedCountsAsPaid() {
        MutableClock clock = new MutableClock(Instant.parse("2041-01-01T00:00:00Z"));
        BillingEngine billing = TestBilling.engine(clock, stripe(Duration.ofSeconds(5)));
        OrgId org = Tenants.register().orgId();
        providers.stubFor(post("/v1/payment_intents").willReturn(okJson(intent("pi_late", "requires_action",
                org.value(), 0, null))));
        providers.stubFor(get("/v1/payment_intents/pi_late").willReturn(okJson(intent("pi_late", "requires_action",
                org.value(), 0, null))));
        // the buyer finished between our question and the cancellation: Stripe refuses to cancel
        providers.stubFor(post("/v1/payment_intents/pi_late/cancel").willReturn(alreadySucceeded()));
        Payment waiting = billing.subscriptions().subscribe(org, planId("basic"), "month", false, "stripe").payment();
        providers.stubFor(get("/v1/payment_intents/pi_late").inScenario("finished").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("asked").willReturn(okJson(intent("pi_late", "requires_action", org.value(), 0, null))));
        providers.stubFor(get("/v1/payment_intents/pi_late").inScenario("finished").whenScenarioStateIs("asked")
                .willReturn(okJson(intent("pi_late", "succeeded", org.value(), 0, "pm_card_visa"))));

        clock.set(Instant.parse("2041-01-09T00:00:00Z"));
        billing.reconciliation().checkInFlight();

        assertThat(billing.payments().get(org, waiting.id()).status()).isEqualTo("succeeded");
        assertThat(latestInvoice(org).status()).isEqualTo("paid");
    }

    @Test
    void aPayPalOrderNeverApprovedIsAbandonedAndALateApprovalCapturesNothing() {
        String orderId = "7XH37491KP026511A";
        MutableClock clock = new MutableClock(Instant.parse("2042-01-01T00:00:00Z"));
        BillingEngine billing = TestBilling.engine(clock, new io.rentapi.billing.gateway.PayPalGateway(
                "paypal-client", "paypal-secret", providers.baseUrl(), providers.baseUrl(), Duration.ofSeconds(5)));
        Tenant tenant = Tenants.register();
        providers.stubFor(post("/v2/checkout/orders").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(order(orderId, "CREATED"))));
        providers.stubFor(get("/v2/checkout/orders/" + orderId).willReturn(okJson(order(orderId, "CREATED"))));
        providers.stubFor(post("/v2/checkout/orders/" + orderId + "/capture").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(order(orderId, "COMPLETED"))));
        Payment waiting = billing.subscriptions().subscribe(tenant.orgId(), planId("basic"), "month", false, "paypal")
                .payment();
        assertThat(waiting.approvalUrl()).endsWith("/checkoutnow?token=" + orderId);

        clock.set(Instant.parse("2042-01-01T01:00:00Z"));
        billing.reconciliation().checkInFlight();
        assertThat(billing.payments().get(tenant.orgId(), waiting.id()).status()).isEqualTo("pending");
        clock.set(Instant.parse("2042-01-08T01:00:00Z"));
        billing.reconciliation().checkInFlight();
        Payment abandoned = billing.payments().get(tenant.orgId(), waiting.id());
        assertThat(abandoned.status()).isEqualTo("failed");
        assertThat(abandoned.failureCode()).isEqualTo("abandoned");

        providers.stubFor(post("/v1/notifications/verify-webhook-signature")
                .willReturn(okJson("{\"verification_status\": \"SUCCESS\"}")));
        ApiResponse late = paypalWebhook("""
                {"id": "WH-7YX49823S2290830K-0JE13296W68552352", "event_version": "1.0",
                 "create_time": "2042-01-09T10:00:00.000Z", "resource_type": "checkout-order",
                 "event_type": "CHECKOUT.ORDER.APPROVED", "summary": "An order has been approved by buyer",
                 "resource": {"id": "%s", "status": "APPROVED", "intent": "CAPTURE"}}
                """.formatted(orderId));
        assertThat(late.status()).as(late.toString()).isEqualTo(200);
        providers.verify(0, postRequestedFor(urlEqualTo("/v2/checkout/orders/" + orderId + "/capture")));
        assertThat(billing.payments().get(tenant.orgId(), waiting.id()).status()).isEqualTo("failed");
    }

    @Test
    void aStripeRefundGoesToStripeWithAKeyOfItsOwn() {
        Tenant tenant = Tenants.register();
        providers.stubFor(post("/v1/payment_intents").willReturn(okJson(intent("pi_3MtwBwLkdIwHu7ixRefund",
                "succeeded", tenant.orgId().value(), 0, "pm_card_visa"))));
        providers.stubFor(post("/v1/refunds").willReturn(okJson("""
                {"id": "re_1Nispe2eZvKYlo2Cd31jOCgZ", "object": "refund", "amount": 700, "currency": "usd",
                 "payment_intent": "pi_3MtwBwLkdIwHu7ixRefund", "status": "succeeded", "created": 1692942318,
                 "metadata": {}}
                """)));
        ApiResponse subscribed = app.api().post("/v1/subscription", tenant.accessToken(),
                ApiClient.object("plan_id", planId("basic"), "provider", "stripe"));
        long paymentId = subscribed.json().get("latest_payment").get("id").asLong();
        assertThat(subscribed.json().get("latest_payment").get("status").asText()).isEqualTo("succeeded");

        ApiResponse refunded = app.api().post("/v1/payments/" + paymentId + "/refund", tenant.accessToken(),
                ApiClient.object("amount", 700));
        assertThat(refunded.status()).as(refunded.toString()).isEqualTo(200);
        assertThat(refunded.json().get("status").asText()).isEqualTo("partially_refunded");
        long refundId = refunded.json().get("refunds").get(0).get("id").asLong();
        providers.verify(postRequestedFor(urlEqualTo("/v1/refunds"))
                .withHeader("Idempotency-Key", equalTo("rentapi-refund-" + refundId))
                .withRequestBody(containing("payment_intent=pi_3MtwBwLkdIwHu7ixRefund"))
                .withRequestBody(containing("amount=700")));

        providers.stubFor(post("/v1/refunds").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                {"error": {"type": "invalid_request_error", "code": "charge_already_refunded",
                  "message": "Charge has already been refunded."}}
                """)));
        ApiResponse refused = app.api().post("/v1/payments/" + paymentId + "/refund", tenant.accessToken(), null);
        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.code()).isEqualTo("payment_provider_error");
        ApiResponse after = TestApp.api().get("/v1/payments/" + paymentId, tenant.accessToken());
        assertThat(after.json().get("amount_refunded").asLong()).as("a refused refund moves no money").isEqualTo(700);
        assertThat(after.json().get("refunds").findValuesAsText("status")).containsExactly("succeeded", "failed");
    }

    @Test
    void aSecondPaymentThatSucceedsOnAPaidInvoiceIsCreditedAndReportedNotKeptSilently() {
        Tenant tenant = Tenants.register();
        OrgId org = tenant.orgId();
        providers.stubFor(post("/v1/payment_intents").willReturn(declined("pi_late_first", org)));
        ApiResponse subscribed = app.api().post("/v1/subscription", tenant.accessToken(),
                ApiClient.object("plan_id", planId("basic"), "provider", "stripe"));
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
        long invoiceId = subscribed.json().get("latest_invoice").get("id").asLong();
        long first = subscribed.json().get("latest_payment").get("id").asLong();
        assertThat(subscribed.json().get("latest_payment").get("status").asText()).isEqualTo("failed");

        providers.stubFor(post("/v1/payment_intents").willReturn(okJson(intent("pi_late_second", "succeeded",
                org.value(), 0, "pm_card_visa"))));
        ApiResponse paid = app.api().post("/v1/invoices/" + invoiceId + "/pay", tenant.accessToken(), null);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        assertThat(paid.json().get("status").asText()).isEqualTo("paid");

        // the buyer completed the first PaymentIntent after all, with another card
        String late = event("evt_late_first_succeeded", "payment_intent.succeeded",
                intent("pi_late_first", "succeeded", org.value(), first, "pm_card_mastercard"));
        ApiResponse delivered = webhook(late, stripeSignature(late));
        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);

        assertThat(TestBilling.column(org, "SELECT status FROM payments WHERE org_id = :org ORDER BY id", String.class))
                .containsExactly("succeeded", "succeeded");
        ApiResponse invoice = TestApp.api().get("/v1/invoices/" + invoiceId, tenant.accessToken());
        assertThat(invoice.json().get("status").asText()).isEqualTo("paid");
        assertThat(invoice.json().get("amount_paid").asLong()).as("paid once").isEqualTo(1900);
        assertThat(TestApp.api().get("/v1/subscription", tenant.accessToken()).json().get("credit_balance").asLong())
                .as("the second payment's money is the organization's credit").isEqualTo(1900);
        assertThat(TestBilling.events(org).stream().filter(e -> e.equals("invoice.paid") || e.equals("billing.credit_added")))
                .containsExactly("invoice.paid", "billing.credit_added");
        assertThat(TestBilling.value(org, """
                SELECT COUNT(*) FROM reconciliation_issues
                 WHERE provider = 'stripe' AND provider_ref = 'pi_late_first' AND kind = 'late_payment'
                   AND detail LIKE '%organization ' || :org || ' %'
                """, Long.class)).as("reported to platform admins").isEqualTo(1);
    }

    @Test
    void aDeclinedStripePaymentIsCanceledAtStripeSoTheBuyerCannotCompleteItLater() {
        // far on, so that the dunning this starts is due for no other test
        BillingEngine billing = TestBilling.engine(new MutableClock(Instant.parse("2044-01-01T00:00:00Z")),
                stripe(Duration.ofSeconds(5)));
        OrgId org = Tenants.register().orgId();
        providers.stubFor(post("/v1/payment_intents").willReturn(declined("pi_declined_release", org)));
        providers.stubFor(post("/v1/payment_intents/pi_declined_release/cancel").willReturn(okJson(intent(
                "pi_declined_release", "canceled", org.value(), 0, null))));

        Payment declined = billing.subscriptions().subscribe(org, planId("basic"), "month", false, "stripe").payment();

        assertThat(declined.status()).isEqualTo("failed");
        assertThat(declined.failureCode()).isEqualTo("insufficient_funds");
        providers.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents/pi_declined_release/cancel")));
    }

    @Test
    void moneyArrivingAfterDunningCanceledTheSubscriptionIsCreditedNotSwallowedByTheWrittenOffInvoice() {
        Declined renewal = declinedRenewal(2043, "pi_written_off");
        OrgId org = renewal.org();
        retryUntilCanceled(renewal);
        assertThat(renewal.billing().subscriptions().current(org).subscription().status()).isEqualTo("canceled");
        long last = TestBilling.value(org, "SELECT MAX(id) FROM payments WHERE org_id = :org", Long.class);

        String late = event("evt_written_off_succeeded", "payment_intent.succeeded",
                intent("pi_written_off", "succeeded", org.value(), last, "pm_card_visa"));
        assertThat(webhook(late, stripeSignature(late)).status()).isEqualTo(200);

        assertThat(TestBilling.value(org, "SELECT status FROM invoices WHERE org_id = :org ORDER BY id DESC LIMIT 1",
                String.class)).as("the plan it was for is gone").isEqualTo("uncollectible");
        assertThat(TestBilling.value(org, "SELECT credit_balance FROM billing_accounts WHERE org_id = :org", Long.class))
                .isEqualTo(1900);
        assertThat(TestBilling.events(org)).contains("billing.credit_added");
    }

    @Test
    void aStripeEventDeliveredManyTimesAtOnceIsProcessedOnce() throws Exception {
        Tenant tenant = Tenants.register();
        OrgId org = tenant.orgId();
        providers.stubFor(post("/v1/payment_intents").willReturn(okJson(intent("pi_raced", "requires_payment_method",
                org.value(), 0, null))));
        ApiResponse subscribed = app.api().post("/v1/subscription", tenant.accessToken(),
                ApiClient.object("plan_id", planId("basic"), "provider", "stripe"));
        long paymentId = subscribed.json().get("latest_payment").get("id").asLong();
        String succeeded = event("evt_raced_" + paymentId, "payment_intent.succeeded",
                intent("pi_raced", "succeeded", org.value(), paymentId, "pm_card_visa"));
        String signature = stripeSignature(succeeded);

        int deliveries = 8;
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        CyclicBarrier together = new CyclicBarrier(deliveries);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            outcomes.add(pool.submit(() -> {
                together.await();
                ApiResponse answer = webhook(succeeded, signature);
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                return answer.json().get("outcome").asText();
            }));
        }
        List<String> answers = new ArrayList<>();
        for (Future<String> outcome : outcomes) {
            answers.add(outcome.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(answers).as("one delivery processes, every other is a duplicate")
                .containsOnlyOnce("processed").containsOnly("processed", "duplicate");
        assertThat(TestBilling.events(org).stream().filter(e -> e.equals("payment.succeeded"))).hasSize(1);
        assertThat(TestBilling.value(org, "SELECT status FROM payments WHERE org_id = :org", String.class))
                .isEqualTo("succeeded");
    }

    @Test
    void creditAppliedToAnInvoiceWrittenOffByDunningGoesBackToTheBalance() {
        Declined renewal = declinedRenewal(2045, "pi_declined");
        OrgId org = renewal.org();
        long first = TestBilling.value(org, "SELECT MIN(id) FROM payments WHERE org_id = :org", Long.class);
        renewal.billing().payments().refund(org, first, 700L, "goodwill", true);

        retryUntilCanceled(renewal);

        assertThat(renewal.billing().subscriptions().current(org).subscription().status()).isEqualTo("canceled");
        Invoice writtenOff = latestInvoice(org);
        assertThat(writtenOff.status()).isEqualTo("uncollectible");
        assertThat(writtenOff.creditApplied()).isZero();
        assertThat(writtenOff.amountDue()).isEqualTo(1900);
        assertThat(TestBilling.column(org, "SELECT reason FROM credit_entries WHERE org_id = :org ORDER BY id",
                String.class)).containsExactly("refund", "applied", "credit_returned");
        assertThat(TestBilling.value(org, "SELECT credit_balance FROM billing_accounts WHERE org_id = :org", Long.class))
                .as("the credit the first retry applied is the organization's again").isEqualTo(700);
        assertThat(TestBilling.events(org)).containsSubsequence("billing.credit_added", "invoice.marked_uncollectible");
    }

    @Test
    void aLastRetryStillPendingAtItsDeadlineCancelsTheSubscriptionAsAFailureWould() {
        Declined renewal = declinedRenewal(2048, "pi_declined");
        OrgId org = renewal.org();
        for (int day : new int[] {3, 5}) {
            renewal.clock().set(renewal.periodEnd().plus(Duration.ofDays(day)));
            renewal.billing().dunning().runOnce();
        }
        providers.stubFor(post("/v1/payment_intents").willReturn(okJson(intent("pi_last_processing", "processing",
                org.value(), 0, "pm_card_visa"))));
        renewal.clock().set(renewal.periodEnd().plus(Duration.ofDays(7)));
        renewal.billing().dunning().runOnce();
        assertThat(TestBilling.value(org, "SELECT status FROM payments WHERE org_id = :org ORDER BY id DESC LIMIT 1",
                String.class)).isEqualTo("pending");

        renewal.clock().set(renewal.periodEnd().plus(Duration.ofDays(9)).minusSeconds(1));
        renewal.billing().dunning().runOnce();
        assertThat(renewal.billing().subscriptions().current(org).subscription().status())
                .as("the last retry's payment has as long as the retries were apart").isEqualTo("past_due");
        renewal.clock().set(renewal.periodEnd().plus(Duration.ofDays(9)));
        renewal.billing().dunning().runOnce();

        assertThat(renewal.billing().subscriptions().current(org).subscription().status()).isEqualTo("canceled");
        assertThat(TestBilling.planOf(org)).isEqualTo("free");
        assertThat(latestInvoice(org).status()).isEqualTo("uncollectible");
        assertThat(TestBilling.mails(org)).endsWith("billing-subscription-canceled");
    }

    @Test
    void anUnknownStripePaymentIsFoundByItsMetadataWithoutReplayingItsCreation() {
        Unanswered unanswered = subscribeUnanswered(2049, "pi_searched", "pi_searched");
        BillingEngine billing = unanswered.billing();
        OrgId org = unanswered.org();
        Payment unknown = unanswered.subscribed().payment();

        unanswered.clock().advance(Duration.ofMinutes(5));
        billing.reconciliation().checkInFlight();

        assertThat(billing.payments().get(org, unknown.id()).status()).isEqualTo("succeeded");
        assertThat(billing.payments().get(org, unknown.id()).providerRef()).isEqualTo("pi_searched");
        providers.verify(getRequestedFor(urlPathEqualTo("/v1/payment_intents/search"))
                .withQueryParam("query", equalTo("metadata['payment_id']:'" + unknown.id() + "'")));
        providers.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents")));
    }

    @Test
    void anUnknownStripePaymentStripeNeverCreatedIsNotReplayedOnceStripeHasForgottenItsKey() {
        Unanswered unanswered = subscribeUnanswered(2050, "pi_forgotten", "");

        // the worker was down for a day: the first question comes after Stripe forgot the key
        unanswered.clock().advance(Duration.ofHours(25));
        unanswered.billing().reconciliation().checkInFlight();

        providers.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents")));
        Payment after = unanswered.billing().payments().get(unanswered.org(), unanswered.subscribed().payment().id());
        assertThat(after.status()).isEqualTo("failed");
        assertThat(after.failureCode()).isEqualTo("not_created");
    }

    /** A subscription on the first of January whose payment is unknown: Stripe answered its creation too late. */
    private record Unanswered(MutableClock clock, BillingEngine billing, OrgId org, Outcome subscribed) {
    }

    /** @param searchFinds the PaymentIntent Stripe's search finds for the payment, or "" for none */
    private Unanswered subscribeUnanswered(int year, String intentId, String searchFinds) {
        MutableClock clock = new MutableClock(Instant.parse(year + "-01-01T00:00:00Z"));
        BillingEngine billing = TestBilling.engine(clock, stripe(Duration.ofMillis(700)));
        OrgId org = Tenants.register().orgId();
        providers.stubFor(post("/v1/payment_intents").inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("answered")
                .willReturn(okJson(intent(intentId, "succeeded", org.value(), 0, "pm_card_visa"))
                        .withFixedDelay(2500)));
        providers.stubFor(post("/v1/payment_intents").inScenario("slow").whenScenarioStateIs("answered")
                .willReturn(okJson(intent(intentId, "succeeded", org.value(), 0, "pm_card_visa"))));
        Outcome subscribed = billing.subscriptions().subscribe(org, planId("basic"), "month", false, "stripe");
        assertThat(subscribed.payment().status()).isEqualTo("unknown");
        providers.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(okJson(searchResult(
                searchFinds.isEmpty() ? "" : intent(searchFinds, "succeeded", org.value(), subscribed.payment().id(),
                        "pm_card_visa")))));
        return new Unanswered(clock, billing, org, subscribed);
    }

    /** An answer of Stripe's Search API holding the given objects. */
    private static String searchResult(String objects) {
        return """
                {"object": "search_result", "url": "/v1/payment_intents/search", "has_more": false,
                 "next_page": null, "data": [%s]}
                """.formatted(objects);
    }

    /** An organization subscribed to Basic on the first of January whose renewal a month later was declined. */
    private record Declined(MutableClock clock, BillingEngine billing, OrgId org, Instant periodEnd) {
    }

    private Declined declinedRenewal(int year, String declinedIntent) {
        MutableClock clock = new MutableClock(Instant.parse(year + "-01-01T00:00:00Z"));
        BillingEngine billing = TestBilling.engine(clock, stripe(Duration.ofSeconds(5)));
        OrgId org = Tenants.register().orgId();
        providers.stubFor(post("/v1/payment_intents").willReturn(okJson(intent("pi_first", "succeeded",
                org.value(), 0, "pm_card_visa"))));
        billing.subscriptions().subscribe(org, planId("basic"), "month", false, "stripe");
        providers.stubFor(post("/v1/payment_intents").willReturn(declined(declinedIntent, org)));
        Instant periodEnd = Instant.parse(year + "-02-01T00:00:00Z");
        clock.set(periodEnd);
        billing.renewals().runOnce();
        return new Declined(clock, billing, org, periodEnd);
    }

    @Test
    void cancelingNowVoidsTheOpenInvoiceCancelsItsPaymentAtStripeAndGivesTheCreditBack() {
        MutableClock clock = new MutableClock(Instant.parse("2045-01-01T00:00:00Z"));
        BillingEngine billing = TestBilling.engine(clock, stripe(Duration.ofSeconds(5)));
        OrgId org = Tenants.register().orgId();
        credit(org, 500, clock);
        providers.stubFor(post("/v1/payment_intents").willReturn(okJson(intent("pi_unpaid", "requires_payment_method",
                org.value(), 0, null))));
        providers.stubFor(post("/v1/payment_intents/pi_unpaid/cancel").willReturn(okJson(intent("pi_unpaid",
                "canceled", org.value(), 0, null))));
        Outcome subscribed = billing.subscriptions().subscribe(org, planId("basic"), "month", false, "stripe");
        assertThat(subscribed.payment().status()).isEqualTo("pending");
        assertThat(subscribed.invoice().creditApplied()).isEqualTo(500);
        assertThat(creditBalance(org)).isZero();

        Outcome canceled = billing.subscriptions().cancel(org, false);

        assertThat(canceled.subscription().status()).isEqualTo("canceled");
        Invoice voided = TestBilling.jdbi().onDemand(InvoiceDao.class).find(org, subscribed.invoice().id()).orElseThrow();
        assertThat(voided.status()).isEqualTo("void");
        assertThat(voided.voidedAt()).isNotNull();
        assertThat(voided.creditApplied()).isZero();
        assertThat(creditBalance(org)).as("the credit the voided invoice had applied is back").isEqualTo(500);
        providers.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents/pi_unpaid/cancel"))
                .withRequestBody(containing("cancellation_reason=abandoned")));
        assertThat(billing.payments().get(org, subscribed.payment().id()).status()).isEqualTo("failed");
        assertThat(TestBilling.events(org)).contains("invoice.voided");

        Outcome again = billing.subscriptions().subscribe(org, planId("basic"), "month", false, "stripe");
        assertThat(again.invoice().id()).isNotEqualTo(subscribed.invoice().id());
        assertThat(again.invoice().status()).isEqualTo("open");
        assertThat(again.invoice().creditApplied()).isEqualTo(500);
    }

    @Test
    void aStripePaymentCompletedAsTheSubscriptionIsCanceledNowIsKeptAsCredit() {
        MutableClock clock = new MutableClock(Instant.parse("2045-02-01T00:00:00Z"));
        BillingEngine billing = TestBilling.engine(clock, stripe(Duration.ofSeconds(5)));
        OrgId org = Tenants.register().orgId();
        providers.stubFor(post("/v1/payment_intents").willReturn(okJson(intent("pi_paid_late", "requires_action",
                org.value(), 0, null))));
        // the buyer finished just before the cancellation: Stripe refuses to cancel
        providers.stubFor(post("/v1/payment_intents/pi_paid_late/cancel").willReturn(alreadySucceeded()));
        providers.stubFor(get("/v1/payment_intents/pi_paid_late").willReturn(okJson(intent("pi_paid_late", "succeeded",
                org.value(), 0, "pm_card_visa"))));
        Outcome subscribed = billing.subscriptions().subscribe(org, planId("basic"), "month", false, "stripe");

        billing.subscriptions().cancel(org, false);

        assertThat(billing.payments().get(org, subscribed.payment().id()).status()).isEqualTo("succeeded");
        assertThat(latestInvoice(org).status()).as("a canceled plan is not bought").isEqualTo("void");
        assertThat(creditBalance(org)).as("the money is the organization's credit").isEqualTo(1900);
    }

    private static void credit(OrgId org, long amount, MutableClock clock) {
        TestBilling.jdbi().useTransaction(h -> {
            h.attach(io.rentapi.billing.accounts.BillingAccountDao.class).lockOrCreate(org, "USD", clock.instant());
            new io.rentapi.billing.accounts.Credits(new io.rentapi.core.outbox.Outbox(TestBilling.JSON, clock))
                    .add(h, org, amount, "USD", "goodwill", null, clock.instant());
        });
    }

    private static long creditBalance(OrgId org) {
        return TestBilling.value(org, "SELECT credit_balance FROM billing_accounts WHERE org_id = :org", Long.class);
    }

    /** Runs dunning at each retry of the declined renewal; the last one cancels. */
    private static void retryUntilCanceled(Declined renewal) {
        for (Duration retry : TestBilling.RETRIES) {
            renewal.clock().set(renewal.periodEnd().plus(retry));
            renewal.billing().dunning().runOnce();
        }
    }

    private StripeGateway stripe(Duration timeout) {
        return new StripeGateway("sk_test_stand_in", providers.baseUrl(), timeout);
    }

    private static Invoice latestInvoice(OrgId org) {
        long id = TestBilling.value(org, "SELECT MAX(id) FROM invoices WHERE org_id = :org", Long.class);
        return TestBilling.jdbi().onDemand(InvoiceDao.class).find(org, id).orElseThrow();
    }

    private static String paymentStatus(Tenant tenant, long paymentId) {
        return TestApp.api().get("/v1/payments/" + paymentId, tenant.accessToken()).json().get("status").asText();
    }

    private static void assertRefused(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("invalid_webhook_signature");
    }

    private static ApiResponse webhook(String payload, String signature) {
        return StripeStandIn.webhook(app.api(), payload, signature);
    }

    private static ApiResponse paypalWebhook(String payload) {
        return app.api().call("POST", "/v1/providers/paypal/webhook").raw(payload, "application/json")
                .header("PAYPAL-TRANSMISSION-ID", "69cd13f0-d67a-11e5-baa3-778b53f4ae55")
                .header("PAYPAL-TRANSMISSION-TIME", "2026-11-21T20:00:01Z")
                .header("PAYPAL-TRANSMISSION-SIG", "lmI95Jx3Y9nhR5SJWlHVIWpg4AgFk7n9bCHSRxbrd8A9zrhdu2rMyFrmz+Zjh3s3boXB07VXCXUZy/UFzUlnGJn0wDugt7FlSvdKeIJenLRemUxYCPVoEZzg9VFNqOa48gMkvF+XTpxBeUx/kWy6B5cp7GkT2+pOowfRK7OaynuxUoKW3JcMWw272VKjLTtTAShncla7tGF+55rxyt2KNZIIqxNMJ48RDZheGU5w1npu9dZHnPgTXB9iomeVRoD8O/jhRpnKsGrDschyNdkeh81BJJMH4Ctc6lnCCquoP/GzCzz33MMsNdid7vL/NIWaCsekQpW26FpWPi/tfj8nLA==")
                .header("PAYPAL-CERT-URL", "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-5edc0ebc")
                .header("PAYPAL-AUTH-ALGO", "SHA256withRSA")
                .send();
    }

    /** Stripe's refusal to cancel a PaymentIntent the buyer has just completed. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder alreadySucceeded() {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                {"error": {"type": "invalid_request_error", "code": "payment_intent_unexpected_state",
                  "message": "You cannot cancel this PaymentIntent because it has a status of succeeded."}}
                """);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder declined(OrgId org) {
        return declined("pi_declined", org);
    }

    /** Stripe's answer to a declined confirmation: a 402 card error naming the PaymentIntent. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder declined(String intentId, OrgId org) {
        return aResponse().withStatus(402).withHeader("Content-Type", "application/json").withBody("""
                {"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                  "message": "Your card has insufficient funds.", "param": "",
                  "payment_intent": %s}}
                """.formatted(intent(intentId, "requires_payment_method", org.value(), 1, null)));
    }

    private static String order(String status) {
        return order(PAYPAL_ORDER, status);
    }

    private static String order(String orderId, String status) {
        String captures = status.equals("COMPLETED") ? """
                , "purchase_units": [{"reference_id": "default", "payments": {"captures": [
                   {"id": "3C679366HH908993F", "status": "COMPLETED",
                    "amount": {"currency_code": "USD", "value": "19.00"}}]}}]""" : "";
        return """
                {"id": "%s", "status": "%s"%s,
                 "links": [{"href": "%s/v2/checkout/orders/%s", "rel": "self", "method": "GET"},
                           {"href": "%s/checkoutnow?token=%s", "rel": "approve", "method": "GET"},
                           {"href": "%s/v2/checkout/orders/%s/capture", "rel": "capture", "method": "POST"}]}
                """.formatted(orderId, status, captures, providers.baseUrl(), orderId, providers.baseUrl(),
                orderId, providers.baseUrl(), orderId);
    }
}
