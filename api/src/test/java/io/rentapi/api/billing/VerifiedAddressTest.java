package io.rentapi.api.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import io.rentapi.api.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Subscribing commits an organization's money: it needs a verified e-mail address, as API keys do. */
@ExtendWith(TestApp.class)
class VerifiedAddressTest {
    @Test
    void anUnverifiedPersonCannotSubscribeUntilTheAddressIsVerified() {
        Tenant tenant = Tenants.registerUnverified();
        ApiResponse refused = TestApp.api().post("/v1/subscription", tenant.accessToken(), ApiClient.object(
                "plan_id", BillingFixtures.planId("basic"), "interval", "month", "provider", "manual"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("email_not_verified");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        int invoices = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM invoices WHERE org_id = :org")
                .bind("org", tenant.orgId().value()).mapTo(Integer.class).one());
        assertThat(invoices).as("nothing billed").isZero();

        Tenants.verifyEmail(tenant.userId());
        ApiResponse subscribed = TestApp.api().post("/v1/subscription", tenant.accessToken(), ApiClient.object(
                "plan_id", BillingFixtures.planId("basic"), "interval", "month", "provider", "manual"));
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
    }
}
