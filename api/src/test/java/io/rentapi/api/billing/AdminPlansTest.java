package io.rentapi.api.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Platform admins keep the plans catalog; nobody else sees their routes. */
@ExtendWith(TestApp.class)
class AdminPlansTest {
    @Test
    void aPlatformAdminAddsChangesAndRetiresPlansOfThePublicCatalog() {
        Tenant owner = Tenants.register();
        Tenant operator = BillingFixtures.platformAdmin(Tenants.register());
        String code = "team-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.ApiResponse body = null;
        var plan = ApiClient.object("code", code, "name", "Team", "price_month", 4900, "price_year", 49000,
                "trial_days", 7, "quotas", ApiClient.object("requests_per_hour", 5000, "requests_per_day", 50000,
                        "burst_per_second", 50));

        assertThat(TestApp.api().post("/v1/admin/plans", owner.accessToken(), plan).status())
                .as("an organization's owner is no platform admin").isEqualTo(404);
        ApiResponse created = TestApp.api().post("/v1/admin/plans", operator.accessToken(), plan);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.json().get("currency").asText()).isEqualTo("USD");
        assertThat(catalogCodes()).contains(code);

        ApiResponse taken = TestApp.api().post("/v1/admin/plans", operator.accessToken(), plan);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("plan_code_taken");

        ApiResponse repriced = TestApp.api().patch("/v1/admin/plans/" + id, operator.accessToken(),
                ApiClient.object("price_month", 5900));
        assertThat(repriced.status()).as(repriced.toString()).isEqualTo(200);
        assertThat(repriced.json().get("price_month").asLong()).isEqualTo(5900);
        assertThat(repriced.json().get("price_year").asLong()).isEqualTo(49000);

        ApiResponse retired = TestApp.api().patch("/v1/admin/plans/" + id, operator.accessToken(),
                ApiClient.object("active", false));
        assertThat(retired.json().get("active").asBoolean()).isFalse();
        assertThat(catalogCodes()).doesNotContain(code);
        ApiResponse subscribe = TestApp.api().post("/v1/subscription", owner.accessToken(),
                ApiClient.object("plan_id", id));
        assertThat(subscribe.status()).as("a retired plan is no longer sold").isEqualTo(422);

        ApiResponse free = TestApp.api().patch("/v1/admin/plans/" + BillingFixtures.planId("free"),
                operator.accessToken(), ApiClient.object("active", false));
        assertThat(free.status()).isEqualTo(422);
        assertThat(TestApp.api().get("/v1/admin/plans", operator.accessToken()).json().get("data")
                .findValuesAsText("code")).contains(code, "free");
    }

    private static java.util.List<String> catalogCodes() {
        return TestApp.api().get("/v1/plans", null).json().get("data").findValuesAsText("code");
    }
}
