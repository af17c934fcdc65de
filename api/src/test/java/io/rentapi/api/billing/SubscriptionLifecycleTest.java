package io.rentapi.api.billing;

import static io.rentapi.api.billing.BillingFixtures.planId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import io.rentapi.billing.BillingEngine;
import io.rentapi.billing.invoices.Invoice;
import io.rentapi.billing.invoices.InvoiceDao;
import io.rentapi.billing.invoices.InvoiceLine;
import io.rentapi.billing.subscriptions.SubscriptionService.Outcome;
import io.rentapi.core.tenancy.OrgId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Subscriptions through their life: subscribe, upgrade with proration, downgrade at period end,
 * trial to active, renewal across a period boundary, cancel, pause and resume. Time moves by an
 * injected clock; the organization's quotas follow its plan at every step.
 */
@ExtendWith(TestApp.class)
class SubscriptionLifecycleTest {
    // April 2031 has 30 days, which makes the proration figures exact
    private static final Instant APRIL = Instant.parse("2031-04-01T00:00:00Z");
    private static final Instant MAY = Instant.parse("2031-05-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(APRIL);
    private final BillingEngine billing = TestBilling.engine(clock);

    @Test
    void subscribingToAPaidPlanOpensTheFirstInvoiceAtOnceAndQuotasFollowThePlan() {
        Tenant tenant = Tenants.register();
        JsonNode catalog = TestApp.api().get("/v1/plans", null).json();
        JsonNode basic = null;
        for (JsonNode plan : catalog.get("data")) {
            if (plan.get("code").asText().equals("basic")) {
                basic = plan;
            }
        }
        assertThat(basic).isNotNull();
        assertThat(basic.get("price_month").asLong()).isEqualTo(1900);
        assertThat(basic.get("price_year").asLong()).isEqualTo(19000);
        assertThat(basic.get("quotas").get("requests_per_hour").asLong()).isEqualTo(1000);

        JsonNode subscribed = BillingFixtures.subscribe(tenant, "basic");

        assertThat(subscribed.get("status").asText()).isEqualTo("active");
        assertThat(subscribed.get("plan").asText()).isEqualTo("basic");
        JsonNode invoice = subscribed.get("latest_invoice");
        assertThat(invoice.get("number").asText()).isEqualTo("INV-000001");
        assertThat(invoice.get("status").asText()).isEqualTo("open");
        assertThat(invoice.get("total").asLong()).isEqualTo(1900);
        assertThat(invoice.get("amount_due").asLong()).isEqualTo(1900);
        assertThat(invoice.get("lines").get(0).get("kind").asText()).isEqualTo("plan");
        assertThat(subscribed.get("latest_payment").get("status").asText()).isEqualTo("pending");
        assertThat(subscribed.get("latest_payment").get("provider").asText()).isEqualTo("manual");
        assertThat(TestBilling.planOf(tenant.orgId())).isEqualTo("basic");
        assertThat(TestBilling.events(tenant.orgId())).contains("subscription.created", "invoice.created");

        ApiResponse current = TestApp.api().get("/v1/subscription", tenant.accessToken());
        assertThat(current.json().get("id").asLong()).isEqualTo(subscribed.get("id").asLong());
        assertThat(TestApp.api().get("/v1/invoices", tenant.accessToken()).json().get("data")).hasSize(1);
        assertThat(TestApp.api().get("/v1/payments", tenant.accessToken()).json().get("data")).hasSize(1);

        ApiResponse again = TestApp.api().post("/v1/subscription", tenant.accessToken(),
                ApiClient.object("plan_id", planId("pro"), "provider", "manual"));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("subscription_exists");
    }

    @Test
    void onlyOwnersAndBillingMembersManageTheSubscription() {
        Tenant owner = Tenants.register();
        Tenant viewer = Tenants.addMember(owner, "viewer");
        Tenant admin = Tenants.addMember(owner, "admin");
        for (Tenant refused : List.of(viewer, admin)) {
            ApiResponse response = TestApp.api().post("/v1/subscription", refused.accessToken(),
                    ApiClient.object("plan_id", planId("basic"), "provider", "manual"));
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
        }
        Tenant billingMember = Tenants.addMember(owner, "billing");
        ApiResponse accepted = TestApp.api().post("/v1/subscription", billingMember.accessToken(),
                ApiClient.object("plan_id", planId("basic"), "provider", "manual"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
    }

    @Test
    void aPlatformAdminMarksAManualInvoicePaid() {
        Tenant tenant = Tenants.register();
        long invoiceId = BillingFixtures.openInvoice(tenant);

        ApiResponse refused = TestApp.api().post("/v1/admin/invoices/" + invoiceId + "/mark_paid",
                tenant.accessToken(), null);
        assertThat(refused.status()).as("an organization's owner is no platform admin").isEqualTo(404);

        Tenant operator = BillingFixtures.platformAdmin(Tenants.register());
        ApiResponse paid = TestApp.api().post("/v1/admin/invoices/" + invoiceId + "/mark_paid",
                operator.accessToken(), null);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        assertThat(paid.json().get("status").asText()).isEqualTo("paid");
        assertThat(paid.json().get("amount_paid").asLong()).isEqualTo(1900);
        assertThat(paid.json().get("latest_payment").get("status").asText()).isEqualTo("succeeded");
        assertThat(TestBilling.events(tenant.orgId())).contains("invoice.paid", "payment.succeeded");

        ApiResponse twice = TestApp.api().post("/v1/invoices/" + invoiceId + "/pay", tenant.accessToken(), null);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("invoice_not_payable");
    }

    @Test
    void anUpgradeTakesEffectNowWithAProratedInvoice() {
        OrgId org = Tenants.register().orgId();
        billing.subscriptions().subscribe(org, planId("basic"), "month", false, "manual");

        clock.set(Instant.parse("2031-04-16T00:00:00Z")); // half of April is left
        Outcome upgraded = billing.subscriptions().change(org, planId("pro"), null);

        assertThat(upgraded.plan().code()).isEqualTo("pro");
        assertThat(TestBilling.planOf(org)).isEqualTo("pro");
        Invoice invoice = upgraded.invoice();
        assertThat(invoice.reason()).isEqualTo("subscription_update");
        assertThat(invoice.number()).isEqualTo("INV-000002");
        List<InvoiceLine> lines = TestBilling.jdbi().onDemand(InvoiceDao.class).lines(org, invoice.id());
        assertThat(lines).extracting(InvoiceLine::kind).containsOnly("proration");
        assertThat(lines).extracting(InvoiceLine::amount).containsExactly(-950L, 4950L);
        assertThat(invoice.total()).isEqualTo(4000);
        assertThat(upgraded.payment().status()).isEqualTo("pending");
        assertThat(upgraded.subscription().currentPeriodEnd()).isEqualTo(MAY);
    }

    @Test
    void aDowngradeWaitsForTheEndOfThePeriod() {
        OrgId org = Tenants.register().orgId();
        billing.subscriptions().subscribe(org, planId("pro"), "month", false, "manual");

        clock.set(Instant.parse("2031-04-10T00:00:00Z"));
        Outcome downgraded = billing.subscriptions().change(org, planId("basic"), null);
        assertThat(downgraded.invoice()).isNull();
        assertThat(downgraded.subscription().pendingPlanId()).isEqualTo(planId("basic"));
        assertThat(TestBilling.planOf(org)).as("the paid-for plan lasts until the period ends").isEqualTo("pro");

        clock.set(MAY);
        billing.renewals().runOnce();

        assertThat(TestBilling.planOf(org)).isEqualTo("basic");
        Invoice renewal = latestInvoice(org);
        assertThat(renewal.reason()).isEqualTo("subscription_cycle");
        assertThat(renewal.total()).isEqualTo(1900);
        assertThat(renewal.periodStart()).isEqualTo(MAY);
        assertThat(renewal.periodEnd()).isEqualTo(Instant.parse("2031-06-01T00:00:00Z"));
    }

    @Test
    void aRenewalAcrossThePeriodBoundaryInvoicesTheNextPeriodOnce() {
        OrgId org = Tenants.register().orgId();
        billing.subscriptions().subscribe(org, planId("basic"), "year", false, "manual");
        Instant nextYear = Instant.parse("2032-04-01T00:00:00Z");

        clock.set(nextYear.minusSeconds(1));
        billing.renewals().runOnce();
        assertThat(invoiceCount(org)).as("nothing before the period ends").isEqualTo(1);

        clock.set(nextYear);
        billing.renewals().runOnce();
        billing.renewals().runOnce();

        assertThat(invoiceCount(org)).isEqualTo(2);
        Invoice renewal = latestInvoice(org);
        assertThat(renewal.number()).isEqualTo("INV-000002");
        assertThat(renewal.total()).isEqualTo(19000);
        assertThat(renewal.periodStart()).isEqualTo(nextYear);
        assertThat(billing.subscriptions().current(org).subscription().currentPeriodEnd())
                .isEqualTo(Instant.parse("2033-04-01T00:00:00Z"));
        assertThat(TestBilling.events(org)).contains("subscription.updated");
    }

    @Test
    void aTrialBecomesActiveWithItsFirstInvoiceWhenItEnds() {
        OrgId org = Tenants.register().orgId();
        Outcome trial = billing.subscriptions().subscribe(org, planId("basic"), "month", true, "manual");
        assertThat(trial.subscription().status()).isEqualTo("trialing");
        assertThat(trial.invoice()).isNull();
        assertThat(trial.subscription().trialEnd()).isEqualTo(APRIL.plus(Duration.ofDays(14)));
        assertThat(TestBilling.planOf(org)).isEqualTo("basic");

        clock.set(APRIL.plus(Duration.ofDays(14)));
        billing.renewals().runOnce();

        Outcome after = billing.subscriptions().current(org);
        assertThat(after.subscription().status()).isEqualTo("active");
        Invoice first = latestInvoice(org);
        assertThat(first.total()).isEqualTo(1900);
        assertThat(first.periodStart()).isEqualTo(APRIL.plus(Duration.ofDays(14)));
    }

    @Test
    void cancelingAtPeriodEndKeepsThePlanUntilThenAndCancelingNowDropsToFree() {
        OrgId later = Tenants.register().orgId();
        billing.subscriptions().subscribe(later, planId("pro"), "month", false, "manual");
        Outcome scheduled = billing.subscriptions().cancel(later, true);
        assertThat(scheduled.subscription().cancelAtPeriodEnd()).isTrue();
        assertThat(scheduled.subscription().status()).isEqualTo("active");
        assertThat(TestBilling.planOf(later)).isEqualTo("pro");

        clock.set(MAY);
        billing.renewals().runOnce();
        assertThat(billing.subscriptions().current(later).subscription().status()).isEqualTo("canceled");
        assertThat(TestBilling.planOf(later)).isEqualTo("free");
        assertThat(invoiceCount(later)).as("no invoice for a period that never starts").isEqualTo(1);

        Tenant now = Tenants.register();
        BillingFixtures.subscribe(now, "pro");
        ApiResponse canceled = TestApp.api().post("/v1/subscription/cancel", now.accessToken(),
                ApiClient.object("at_period_end", false));
        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
        assertThat(canceled.json().get("status").asText()).isEqualTo("canceled");
        assertThat(TestBilling.planOf(now.orgId())).isEqualTo("free");
        assertThat(TestBilling.events(now.orgId())).contains("subscription.canceled");
        assertThat(TestBilling.mails(now.orgId())).contains("billing-subscription-canceled");
    }

    @Test
    void aPausedSubscriptionIsOnFreeAndResumingStartsAnInvoicedPeriod() {
        Tenant tenant = Tenants.register();
        BillingFixtures.subscribe(tenant, "pro");

        ApiResponse resumeActive = TestApp.api().post("/v1/subscription/resume", tenant.accessToken(), null);
        assertThat(resumeActive.status()).isEqualTo(409);
        assertThat(resumeActive.code()).isEqualTo("subscription_state");

        ApiResponse paused = TestApp.api().post("/v1/subscription/pause", tenant.accessToken(), null);
        assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
        assertThat(paused.json().get("status").asText()).isEqualTo("paused");
        assertThat(TestBilling.planOf(tenant.orgId())).isEqualTo("free");

        ApiResponse change = TestApp.api().post("/v1/subscription/change", tenant.accessToken(),
                ApiClient.object("plan_id", planId("enterprise")));
        assertThat(change.status()).isEqualTo(409);

        ApiResponse resumed = TestApp.api().post("/v1/subscription/resume", tenant.accessToken(), null);
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.json().get("status").asText()).isEqualTo("active");
        assertThat(resumed.json().get("latest_invoice").get("total").asLong()).isEqualTo(9900);
        assertThat(TestBilling.planOf(tenant.orgId())).isEqualTo("pro");

        TestApp.api().post("/v1/subscription/cancel", tenant.accessToken(), ApiClient.object("at_period_end", false));
        ApiResponse pauseCanceled = TestApp.api().post("/v1/subscription/pause", tenant.accessToken(), null);
        assertThat(pauseCanceled.status()).isEqualTo(404);
        assertThat(pauseCanceled.code()).isEqualTo("not_found");
    }

    @Test
    void badPlansAndProvidersAreRefusedWithoutWritingAnything() {
        Tenant tenant = Tenants.register();
        ApiResponse free = TestApp.api().post("/v1/subscription", tenant.accessToken(),
                ApiClient.object("plan_id", planId("free")));
        assertThat(free.status()).isEqualTo(422);
        assertThat(free.json().get("errors").get(0).get("field").asText()).isEqualTo("plan_id");
        ApiResponse missing = TestApp.api().post("/v1/subscription", tenant.accessToken(),
                ApiClient.object("plan_id", 987654321));
        assertThat(missing.status()).isEqualTo(422);
        ApiResponse stripe = TestApp.api().post("/v1/subscription", tenant.accessToken(),
                ApiClient.object("plan_id", planId("basic"), "provider", "stripe"));
        assertThat(stripe.status()).as("this deployment has no Stripe keys").isEqualTo(422);
        assertThat(stripe.code()).isEqualTo("provider_not_configured");
        ApiResponse interval = TestApp.api().post("/v1/subscription", tenant.accessToken(),
                ApiClient.object("plan_id", planId("basic"), "interval", "week"));
        assertThat(interval.status()).isEqualTo(422);
        assertThat(invoiceCount(tenant.orgId())).isZero();
        assertThat(TestBilling.planOf(tenant.orgId())).as("the plan the organization had").isEqualTo("enterprise");
    }

    @Test
    void refundsArePartialThenFullAndNeverExceedThePayment() {
        Tenant tenant = Tenants.register();
        long paymentId = BillingFixtures.succeededPayment(tenant);

        ApiResponse tooMuch = TestApp.api().post("/v1/payments/" + paymentId + "/refund", tenant.accessToken(),
                ApiClient.object("amount", 5000));
        assertThat(tooMuch.status()).isEqualTo(422);

        ApiResponse partial = TestApp.api().post("/v1/payments/" + paymentId + "/refund", tenant.accessToken(),
                ApiClient.object("amount", 500, "reason", "outage"));
        assertThat(partial.status()).as(partial.toString()).isEqualTo(200);
        assertThat(partial.json().get("status").asText()).isEqualTo("partially_refunded");
        assertThat(partial.json().get("amount_refunded").asLong()).isEqualTo(500);

        ApiResponse rest = TestApp.api().post("/v1/payments/" + paymentId + "/refund", tenant.accessToken(), null);
        assertThat(rest.json().get("status").asText()).isEqualTo("refunded");
        assertThat(rest.json().get("amount_refunded").asLong()).isEqualTo(1900);
        assertThat(rest.json().get("refunds")).hasSize(2);

        ApiResponse again = TestApp.api().post("/v1/payments/" + paymentId + "/refund", tenant.accessToken(), null);
        assertThat(TestApp.api().get("/v1/subscription", tenant.accessToken()).json().get("credit_balance").asLong())
                .as("refunds to the card leave the credit balance alone").isZero();
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("payment_not_refundable");
        assertThat(TestBilling.events(tenant.orgId())).contains("payment.refunded");
    }

    @Test
    void theCreditBalancePaysTheNextInvoiceFirst() {
        OrgId org = Tenants.register().orgId();
        Outcome subscribed = billing.subscriptions().subscribe(org, planId("basic"), "month", false, "manual");
        billing.payments().markPaidManually(org, subscribed.invoice().id());
        long paymentId = TestBilling.value(org, "SELECT MAX(id) FROM payments WHERE org_id = :org", Long.class);
        billing.payments().refund(org, paymentId, 500L, "goodwill", true);

        clock.set(MAY);
        billing.renewals().runOnce();

        Invoice renewal = latestInvoice(org);
        assertThat(renewal.total()).isEqualTo(1900);
        assertThat(renewal.creditApplied()).isEqualTo(500);
        assertThat(renewal.amountDue()).isEqualTo(1400);
        assertThat(TestBilling.value(org, "SELECT amount FROM payments WHERE org_id = :org ORDER BY id DESC LIMIT 1",
                Long.class)).isEqualTo(1400);
        assertThat(TestBilling.value(org, "SELECT credit_balance FROM billing_accounts WHERE org_id = :org",
                Long.class)).isZero();
    }

    private static Invoice latestInvoice(OrgId org) {
        long id = TestBilling.value(org, "SELECT MAX(id) FROM invoices WHERE org_id = :org", Long.class);
        return TestBilling.jdbi().onDemand(InvoiceDao.class).find(org, id).orElseThrow();
    }

    private static long invoiceCount(OrgId org) {
        return TestBilling.value(org, "SELECT COUNT(*) FROM invoices WHERE org_id = :org", Long.class);
    }
}
