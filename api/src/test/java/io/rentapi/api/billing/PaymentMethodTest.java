package io.rentapi.api.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.rentapi.api.billing.BillingFixtures.planId;
import static io.rentapi.api.billing.StripeStandIn.WEBHOOK_SECRET;
import static io.rentapi.api.billing.StripeStandIn.event;
import static io.rentapi.api.billing.StripeStandIn.intent;
import static io.rentapi.api.billing.StripeStandIn.sign;
import static io.rentapi.api.billing.StripeStandIn.stripeSignature;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dropwizard.testing.ConfigOverride;
import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import io.rentapi.billing.BillingEngine;
import io.rentapi.billing.gateway.StripeGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Saving the payment method renewals are charged with, ahead of any invoice: a SetupIntent for
 * Stripe.js or Checkout in setup mode, saved when Stripe's signed webhook says so. Stripe is
 * WireMock on Stripe's API paths answering Stripe's documented JSON.
 */
@ExtendWith(TestApp.class)
class PaymentMethodTest {
    private static final String CUSTOMER = StripeStandIn.CUSTOMER;
    private static final String CARD = "pm_1Q0PsIJvEtkwdCNYMSaVuRz6";
    private static final String OLD_CARD = "pm_1Q0PsIJvEtkwdCNYOldCard";
    private static final String SETUP_INTENT = "seti_1Mm8s8LkdIwHu7ix0OXBfTRG";
    private static WireMockServer stripe;
    private static TestApp.Running app;

    @BeforeAll
    static void start() {
        stripe = new WireMockServer(options().dynamicPort());
        stripe.start();
        app = TestApp.another(
                ConfigOverride.config("billing.stripe.secretKey", "sk_test_stand_in"),
                ConfigOverride.config("billing.stripe.apiBase", stripe.baseUrl()),
                ConfigOverride.config("billing.stripe.webhookSecret", WEBHOOK_SECRET),
                ConfigOverride.config("billing.stripe.timeout", "2s"));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (stripe != null) {
            stripe.stop();
        }
    }

    @BeforeEach
    void stubs() {
        stripe.resetAll();
        stripe.stubFor(post("/v1/customers").willReturn(okJson(StripeStandIn.customer(null))));
        stripe.stubFor(post("/v1/customers/" + CUSTOMER).willReturn(okJson(StripeStandIn.customer(CARD))));
        stripe.stubFor(post("/v1/setup_intents").willReturn(okJson(setupIntent("requires_payment_method", null, 0))));
        stripe.stubFor(post("/v1/checkout/sessions").willReturn(okJson("""
                {"id": "cs_test_c1Y0x8n3wAPzBdIxSsY3qk9DqXr7t5lYHW3QyVa7e1QYdiZPuOJrqCLQ7P", "object": "checkout.session",
                 "mode": "setup", "customer": "%s", "setup_intent": "%s", "status": "open",
                 "payment_status": "no_payment_required", "currency": "usd", "livemode": false,
                 "url": "https://checkout.stripe.com/c/pay/cs_test_c1Y0x8n3wAPzBdIxSsY3qk9DqXr7t5lYHW3QyVa7e1QYdiZPuOJrqCLQ7P",
                 "success_url": "https://app.example.com/billing/done", "cancel_url": "https://app.example.com/billing",
                 "created": 1679600215, "expires_at": 1679686615, "metadata": {}}
                """.formatted(CUSTOMER, SETUP_INTENT))));
        stripe.stubFor(get("/v1/payment_methods/" + CARD).willReturn(okJson(paymentMethod(CARD, "visa", "4242"))));
        stripe.stubFor(get("/v1/payment_methods/" + OLD_CARD).willReturn(okJson(paymentMethod(OLD_CARD, "mastercard", "4444"))));
        stripe.stubFor(post("/v1/payment_methods/" + CARD + "/detach").willReturn(okJson(paymentMethod(CARD, "visa", "4242")
                .replace("\"customer\": \"" + CUSTOMER + "\"", "\"customer\": null"))));
    }

    @Test
    void aSetupIntentIsCreatedForTheOrganizationsStripeCustomerWithAKeyOfOurOwn() {
        Tenant owner = Tenants.register();

        ApiResponse started = app.api().post("/v1/billing/payment_method/setup_intent", owner.accessToken(), null);

        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.json().get("setup_intent_id").asText()).isEqualTo(SETUP_INTENT);
        assertThat(started.json().get("client_secret").asText()).isEqualTo(SETUP_INTENT + "_secret_NXDICkPqPeiBTAFqWmkbff");
        stripe.verify(1, postRequestedFor(urlEqualTo("/v1/customers"))
                .withRequestBody(containing("metadata[org_id]=" + owner.orgId().value()).or(
                        containing("metadata%5Borg_id%5D=" + owner.orgId().value()))));
        stripe.verify(postRequestedFor(urlEqualTo("/v1/setup_intents"))
                .withHeader("Idempotency-Key", matching("rentapi-setup-[0-9]+"))
                .withRequestBody(containing("customer=" + CUSTOMER))
                .withRequestBody(containing("usage=off_session")));

        ApiResponse again = app.api().post("/v1/billing/payment_method/setup_intent", owner.accessToken(), null);
        assertThat(again.status()).isEqualTo(200);
        stripe.verify(1, postRequestedFor(urlEqualTo("/v1/customers")));
        List<String> keys = stripe.findAll(postRequestedFor(urlEqualTo("/v1/setup_intents"))).stream()
                .map(r -> r.getHeader("Idempotency-Key")).toList();
        assertThat(keys).as("each attempt is a setup of its own").hasSize(2).doesNotHaveDuplicates();

        String key = "setup-" + java.util.UUID.randomUUID();
        ApiResponse first = app.api().call("POST", "/v1/billing/payment_method/setup_intent")
                .token(owner.accessToken()).header("Idempotency-Key", key).send();
        ApiResponse replayed = app.api().call("POST", "/v1/billing/payment_method/setup_intent")
                .token(owner.accessToken()).header("Idempotency-Key", key).send();
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(replayed.text()).as("our Idempotency-Key replays the first answer").isEqualTo(first.text());
        stripe.verify(3, postRequestedFor(urlEqualTo("/v1/setup_intents")));
    }

    @Test
    void aCheckoutSessionInSetupModeSendsTheBuyerToStripe() {
        Tenant owner = Tenants.register();

        ApiResponse started = app.api().post("/v1/billing/payment_method/checkout_session", owner.accessToken(),
                ApiClient.object("success_url", "https://app.example.com/billing/done?session={CHECKOUT_SESSION_ID}",
                        "cancel_url", "https://app.example.com/billing"));

        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.json().get("url").asText()).startsWith("https://checkout.stripe.com/c/pay/cs_test_");
        assertThat(started.json().get("id").asText()).startsWith("cs_test_");
        LoggedRequest created = stripe.findAll(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))).get(0);
        String body = java.net.URLDecoder.decode(created.getBodyAsString(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body).contains("mode=setup", "customer=" + CUSTOMER, "currency=usd",
                "success_url=https://app.example.com/billing/done?session={CHECKOUT_SESSION_ID}",
                "cancel_url=https://app.example.com/billing", "metadata[org_id]=" + owner.orgId().value());
        assertThat(created.getHeader("Idempotency-Key")).matches("rentapi-setup-[0-9]+");

        for (String bad : List.of("ftp://app.example.com/x", "/billing/done", "https://", "not a url",
                "https://user:secret@app.example.com/")) {
            ApiResponse refused = app.api().post("/v1/billing/payment_method/checkout_session", owner.accessToken(),
                    ApiClient.object("success_url", bad, "cancel_url", "https://app.example.com/billing"));
            assertThat(refused.status()).as(bad + ": " + refused).isEqualTo(422);
            assertThat(refused.code()).isEqualTo("validation_failed");
            assertThat(refused.json().get("errors").findValuesAsText("field")).containsExactly("success_url");
        }
        stripe.verify(1, postRequestedFor(urlEqualTo("/v1/checkout/sessions")));
    }

    @Test
    void aSignedSetupEventSavesTheMethodOnceAndAnOlderOneNeverReplacesIt() {
        Tenant owner = Tenants.register();
        assertThat(app.api().post("/v1/billing/payment_method/setup_intent", owner.accessToken(), null).status())
                .isEqualTo(200);
        long created = Instant.now().getEpochSecond() - 60;
        String succeeded = event("evt_1NG8Du2eZvKYlo2CSetupOk", "setup_intent.succeeded", created,
                setupIntent("succeeded", CARD, owner.orgId().value()));

        long now = Instant.now().getEpochSecond();
        ApiResponse forged = webhook(succeeded, "t=" + now + ",v1=" + sign(now + "." + succeeded, "whsec_wrong"));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.code()).isEqualTo("invalid_webhook_signature");
        assertThat(app.api().get("/v1/billing/payment_method", owner.accessToken()).code())
                .as("a bad signature saves nothing").isEqualTo("payment_method_not_found");

        ApiResponse accepted = webhook(succeeded, stripeSignature(succeeded));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().get("outcome").asText()).isEqualTo("processed");
        ApiResponse saved = app.api().get("/v1/billing/payment_method", owner.accessToken());
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.json().get("id").asText()).isEqualTo(CARD);
        assertThat(saved.json().get("type").asText()).isEqualTo("card");
        assertThat(saved.json().get("source").asText()).isEqualTo("setup_intent");
        assertThat(saved.json().get("card").get("brand").asText()).isEqualTo("visa");
        assertThat(saved.json().get("card").get("last4").asText()).isEqualTo("4242");
        assertThat(saved.json().get("card").get("exp_month").asInt()).isEqualTo(8);
        assertThat(saved.json().get("card").get("exp_year").asInt()).isEqualTo(2030);
        stripe.verify(postRequestedFor(urlEqualTo("/v1/customers/" + CUSTOMER))
                .withRequestBody(containing("default_payment_method%5D=" + CARD)
                        .or(containing("default_payment_method]=" + CARD))));

        ApiResponse replay = webhook(succeeded, stripeSignature(succeeded));
        assertThat(replay.json().get("outcome").asText()).isEqualTo("duplicate");

        String older = event("evt_1NG8Du2eZvKYlo2COlderOne", "setup_intent.succeeded", created - 3600,
                setupIntent("succeeded", OLD_CARD, owner.orgId().value()).replace(SETUP_INTENT, "seti_older"));
        ApiResponse late = webhook(older, stripeSignature(older));
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.json().get("outcome").asText()).isEqualTo("ignored");
        assertThat(app.api().get("/v1/billing/payment_method", owner.accessToken()).json().get("id").asText())
                .as("an older setup does not replace a newer one").isEqualTo(CARD);
        assertThat(TestBilling.events(owner.orgId()).stream().filter(e -> e.startsWith("billing.payment_method")))
                .containsExactly("billing.payment_method.updated");
        stripe.verify(1, postRequestedFor(urlEqualTo("/v1/customers/" + CUSTOMER)));
    }

    @Test
    void renewalsAreChargedOffSessionWithTheMethodSetUpAheadOfThem() {
        MutableClock clock = new MutableClock(Instant.parse("2041-01-01T00:00:00Z"));
        BillingEngine billing = TestBilling.engine(clock, new StripeGateway("sk_test_stand_in", stripe.baseUrl(),
                Duration.ofSeconds(5)));
        Tenant owner = Tenants.register();
        saveCard(owner);
        stripe.stubFor(post("/v1/payment_intents").willReturn(okJson(intent("pi_first", "succeeded",
                owner.orgId().value(), 0, "pm_card_used_on_session"))));

        billing.subscriptions().subscribe(owner.orgId(), planId("basic"), "month", false, "stripe");
        assertThat(app.api().get("/v1/billing/payment_method", owner.accessToken()).json().get("id").asText())
                .as("paying with the buyer present keeps the method set up on purpose").isEqualTo(CARD);
        clock.set(Instant.parse("2041-02-01T00:00:00Z"));
        billing.renewals().runOnce();

        List<LoggedRequest> charges = stripe.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")));
        assertThat(charges.get(charges.size() - 1).getBodyAsString())
                .contains("payment_method=" + CARD, "off_session=true", "confirm=true", "customer=" + CUSTOMER);
    }

    @Test
    void theCardOfAPaymentMadeWithTheBuyerPresentIsSavedWhenNoneIsAndDescribedByStripe() {
        Tenant owner = Tenants.register();
        stripe.stubFor(post("/v1/payment_intents").willReturn(okJson(intent("pi_3MtwBwLkdIwHu7ixOnSession",
                "succeeded", owner.orgId().value(), 0, CARD))));

        ApiResponse subscribed = app.api().post("/v1/subscription", owner.accessToken(),
                ApiClient.object("plan_id", planId("basic"), "provider", "stripe"));
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);

        ApiResponse saved = app.api().get("/v1/billing/payment_method", owner.accessToken());
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.json().get("id").asText()).isEqualTo(CARD);
        assertThat(saved.json().get("source").asText()).isEqualTo("payment");
        assertThat(saved.json().get("card").get("last4").asText()).isEqualTo("4242");
        app.api().get("/v1/billing/payment_method", owner.accessToken());
        stripe.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlEqualTo("/v1/payment_methods/" + CARD)));
    }

    @Test
    void checkoutInSetupModeSavesTheMethodOfItsSetupIntent() {
        Tenant owner = Tenants.register();
        assertThat(app.api().post("/v1/billing/payment_method/checkout_session", owner.accessToken(),
                ApiClient.object("success_url", "https://app.example.com/done", "cancel_url", "https://app.example.com/"))
                .status()).isEqualTo(200);
        stripe.stubFor(get("/v1/setup_intents/" + SETUP_INTENT).willReturn(okJson(setupIntent("succeeded", CARD,
                owner.orgId().value()))));
        String completed = event("evt_1NG8Du2eZvKYlo2CCheckout", "checkout.session.completed", """
                {"id": "cs_test_c1Y0x8n3wAPzBdIxSsY3qk9DqXr7t5lYHW3QyVa7e1QYdiZPuOJrqCLQ7P", "object": "checkout.session",
                 "mode": "setup", "customer": "%s", "setup_intent": "%s", "status": "complete",
                 "payment_status": "no_payment_required", "livemode": false, "created": 1679600215,
                 "metadata": {"org_id": "%d"}}
                """.formatted(CUSTOMER, SETUP_INTENT, owner.orgId().value()));

        ApiResponse accepted = webhook(completed, stripeSignature(completed));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().get("outcome").asText()).isEqualTo("processed");
        ApiResponse saved = app.api().get("/v1/billing/payment_method", owner.accessToken());
        assertThat(saved.json().get("id").asText()).isEqualTo(CARD);
        assertThat(saved.json().get("source").asText()).isEqualTo("checkout");
    }

    @Test
    void deletingTheMethodDetachesItAtStripeAndForgetsIt() {
        Tenant owner = Tenants.register();
        saveCard(owner);

        ApiResponse deleted = app.api().delete("/v1/billing/payment_method", owner.accessToken());

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        stripe.verify(1, postRequestedFor(urlEqualTo("/v1/payment_methods/" + CARD + "/detach")));
        ApiResponse none = app.api().get("/v1/billing/payment_method", owner.accessToken());
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.code()).isEqualTo("payment_method_not_found");
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(app.api().delete("/v1/billing/payment_method", owner.accessToken()).code())
                .isEqualTo("payment_method_not_found");
        assertThat(TestBilling.value(owner.orgId(),
                "SELECT COUNT(*) FROM billing_accounts WHERE org_id = :org AND stripe_payment_method_id IS NULL",
                Long.class)).as("renewals find no method").isEqualTo(1);
        assertThat(TestBilling.events(owner.orgId())).contains("billing.payment_method.deleted");
    }

    @Test
    void anotherOrganizationNeitherSeesNorRemovesTheMethod() {
        Tenant owner = Tenants.register();
        saveCard(owner);
        Tenant other = Tenants.register();

        assertThat(app.api().get("/v1/billing/payment_method", other.accessToken()).code())
                .isEqualTo("payment_method_not_found");
        assertThat(app.api().delete("/v1/billing/payment_method", other.accessToken()).code())
                .isEqualTo("payment_method_not_found");

        String aimedAtOther = event("evt_1NG8Du2eZvKYlo2COtherOrg", "setup_intent.succeeded",
                setupIntent("succeeded", OLD_CARD, other.orgId().value()));
        assertThat(webhook(aimedAtOther, stripeSignature(aimedAtOther)).json().get("outcome").asText())
                .as("an organization without a Stripe customer has nothing set up").isEqualTo("ignored");
        assertThat(app.api().get("/v1/billing/payment_method", other.accessToken()).status()).isEqualTo(404);
        assertThat(app.api().get("/v1/billing/payment_method", owner.accessToken()).json().get("id").asText())
                .isEqualTo(CARD);
        stripe.verify(0, postRequestedFor(urlEqualTo("/v1/payment_methods/" + CARD + "/detach")));
    }

    @Test
    void onlyOwnersAndBillingMembersManageThePaymentMethod() {
        Tenant owner = Tenants.register();
        for (String role : List.of("admin", "developer", "viewer")) {
            Tenant member = Tenants.addMember(owner, role);
            for (ApiResponse refused : List.of(
                    app.api().get("/v1/billing/payment_method", member.accessToken()),
                    app.api().delete("/v1/billing/payment_method", member.accessToken()),
                    app.api().post("/v1/billing/payment_method/setup_intent", member.accessToken(), null),
                    app.api().post("/v1/billing/payment_method/checkout_session", member.accessToken(),
                            ApiClient.object("success_url", "https://a.example.com/", "cancel_url", "https://a.example.com/")))) {
                assertThat(refused.status()).as(role + ": " + refused).isEqualTo(403);
                assertThat(refused.code()).isEqualTo("permission_denied");
            }
        }
        stripe.verify(0, postRequestedFor(urlEqualTo("/v1/setup_intents")));
        Tenant billing = Tenants.addMember(owner, "billing");
        assertThat(app.api().post("/v1/billing/payment_method/setup_intent", billing.accessToken(), null).status())
                .isEqualTo(200);
    }

    @Test
    void withoutStripeKeysSavingAMethodIsRefusedClearly() {
        Tenant owner = Tenants.register();
        ApiResponse refused = TestApp.api().post("/v1/billing/payment_method/setup_intent", owner.accessToken(), null);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("provider_not_configured");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        ApiResponse checkout = TestApp.api().post("/v1/billing/payment_method/checkout_session", owner.accessToken(),
                ApiClient.object("success_url", "https://a.example.com/", "cancel_url", "https://a.example.com/"));
        assertThat(checkout.code()).isEqualTo("provider_not_configured");
        assertThat(TestApp.api().get("/v1/billing/payment_method", owner.accessToken()).code())
                .isEqualTo("payment_method_not_found");
    }

    @Test
    void theApiDescriptionDescribesThePaymentMethodRoutes() {
        var paths = TestApp.api().get("/v1/openapi.json", null).json().get("paths");
        var method = paths.get("/v1/billing/payment_method");
        assertThat(method).as("GET and DELETE described").isNotNull();
        assertThat(method.get("get").get("x-required-permission").asText()).isEqualTo("billing:manage");
        assertThat(method.get("delete").get("x-required-permission").asText()).isEqualTo("billing:manage");
        assertThat(paths.get("/v1/billing/payment_method/setup_intent").get("post").has("requestBody")).isFalse();
        String checkout = paths.get("/v1/billing/payment_method/checkout_session").get("post").toString();
        assertThat(checkout).contains("billing:manage");
        String schemas = TestApp.api().get("/v1/openapi.json", null).json().get("components").get("schemas").toString();
        assertThat(schemas).contains("success_url", "cancel_url", "setup_intent_id", "client_secret", "last4");
    }

    /** Saves CARD as the owner's method: the SetupIntent through the API, then Stripe's signed event. */
    private static void saveCard(Tenant owner) {
        assertThat(app.api().post("/v1/billing/payment_method/setup_intent", owner.accessToken(), null).status())
                .isEqualTo(200);
        String succeeded = event("evt_" + java.util.UUID.randomUUID().toString().replace("-", ""),
                "setup_intent.succeeded", setupIntent("succeeded", CARD, owner.orgId().value()));
        ApiResponse accepted = webhook(succeeded, stripeSignature(succeeded));
        assertThat(accepted.json().get("outcome").asText()).as(accepted.toString()).isEqualTo("processed");
    }

    private static ApiResponse webhook(String payload, String signature) {
        return StripeStandIn.webhook(app.api(), payload, signature);
    }

    /** A SetupIntent in Stripe's documented shape; org id 0 leaves out our metadata (as Stripe answers a create). */
    private static String setupIntent(String status, String paymentMethod, long orgId) {
        return """
                {"id": "%s", "object": "setup_intent", "application": null, "cancellation_reason": null,
                 "client_secret": "%s_secret_NXDICkPqPeiBTAFqWmkbff", "created": 1678942624, "customer": "%s",
                 "description": null, "flow_directions": null, "last_setup_error": null, "latest_attempt": null,
                 "livemode": false, "mandate": null, "metadata": %s, "next_action": null, "on_behalf_of": null,
                 "payment_method": %s, "payment_method_types": ["card"], "single_use_mandate": null,
                 "status": "%s", "usage": "off_session"}
                """.formatted(SETUP_INTENT, SETUP_INTENT, CUSTOMER,
                orgId == 0 ? "{}" : "{\"org_id\": \"" + orgId + "\"}",
                paymentMethod == null ? "null" : "\"" + paymentMethod + "\"", status);
    }

    private static String paymentMethod(String id, String brand, String last4) {
        return """
                {"id": "%s", "object": "payment_method", "allow_redisplay": "unspecified",
                 "billing_details": {"address": null, "email": null, "name": null, "phone": null},
                 "card": {"brand": "%s", "checks": {"address_line1_check": null, "address_postal_code_check": null,
                          "cvc_check": "pass"}, "country": "US", "display_brand": "%s", "exp_month": 8,
                          "exp_year": 2030, "fingerprint": "Xt5EWLLDS7FJjR1c", "funding": "credit", "last4": "%s",
                          "networks": {"available": ["%s"], "preferred": null},
                          "three_d_secure_usage": {"supported": true}, "wallet": null},
                 "created": 1726673582, "customer": "%s", "livemode": false, "metadata": {}, "type": "card"}
                """.formatted(id, brand, brand, last4, brand, CUSTOMER);
    }
}
