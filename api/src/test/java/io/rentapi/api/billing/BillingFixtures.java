package io.rentapi.api.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants.Tenant;
import java.time.Instant;

/** Billing set-ups the tests share: plans by code, subscriptions through the API, platform admins. */
public final class BillingFixtures {
    private BillingFixtures() {
    }

    public static long planId(String code) {
        return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT id FROM plans WHERE code = :code")
                .bind("code", code).mapTo(Long.class).one());
    }

    /** Subscribes through the API (replacing the plan the test organization was given) and answers the body. */
    public static JsonNode subscribe(ApiClient api, Tenant tenant, String plan, String interval, String provider) {
        ApiClient.ApiResponse response = api.post("/v1/subscription", tenant.accessToken(), ApiClient.object(
                "plan_id", planId(plan), "interval", interval, "provider", provider));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    public static JsonNode subscribe(Tenant tenant, String plan) {
        return subscribe(TestApp.api(), tenant, plan, "month", "manual");
    }

    /** The id of an open invoice of the tenant's, with a pending manual payment. */
    public static long openInvoice(Tenant tenant) {
        return subscribe(tenant, "basic").get("latest_invoice").get("id").asLong();
    }

    public static long pendingPayment(Tenant tenant) {
        return subscribe(tenant, "basic").get("latest_payment").get("id").asLong();
    }

    /** A succeeded (manual) payment of the tenant's. */
    public static long succeededPayment(Tenant tenant) {
        JsonNode subscribed = subscribe(tenant, "basic");
        long invoiceId = subscribed.get("latest_invoice").get("id").asLong();
        Tenant admin = platformAdmin(tenant);
        ApiClient.ApiResponse paid = TestApp.api().post("/v1/admin/invoices/" + invoiceId + "/mark_paid",
                admin.accessToken(), null);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        return paid.json().get("latest_payment").get("id").asLong();
    }

    /** Makes the person an operator of the platform, as an operator would: in the database. */
    public static Tenant platformAdmin(Tenant person) {
        TestApp.jdbi().useHandle(h -> h.createUpdate("UPDATE users SET platform_admin = TRUE WHERE id = :id")
                .bind("id", person.userId()).execute());
        return person;
    }

    /** A plan made by an operator, outside the public catalog's seed. */
    public static long extraPlan() {
        return TestApp.jdbi().withHandle(h -> h.createUpdate("""
                INSERT INTO plans (code, name, requests_per_hour, requests_per_day, burst_per_second, price_month,
                                   price_year, created_at, updated_at)
                VALUES (:code, 'Extra', 100, 1000, 10, 500, 5000, :now, :now)
                """).bind("code", "extra-" + java.util.UUID.randomUUID().toString().substring(0, 8))
                .bind("now", Instant.now()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }
}
