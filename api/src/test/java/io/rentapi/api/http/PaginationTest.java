package io.rentapi.api.http;

import static io.rentapi.api.support.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestApp.class)
class PaginationTest {
    @Test
    void listsPageNewestFirstInBothDirections() {
        Tenant tenant = Tenants.register();
        List<Long> ids = new ArrayList<>(List.of(tenant.orgId().value()));
        for (int i = 0; i < 4; i++) {
            ids.add(TestApp.api().post("/v1/orgs", tenant.accessToken(), object("name", "Org " + i)).json().get("id").asLong());
        }
        List<Long> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);

        JsonNode first = TestApp.api().get("/v1/orgs?limit=2", tenant.accessToken()).json();
        assertThat(idsOf(first)).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(first.get("has_more").asBoolean()).isTrue();

        JsonNode second = TestApp.api().get("/v1/orgs?limit=2&starting_after=" + newestFirst.get(1), tenant.accessToken()).json();
        assertThat(idsOf(second)).containsExactlyElementsOf(newestFirst.subList(2, 4));
        assertThat(second.get("has_more").asBoolean()).isTrue();

        JsonNode last = TestApp.api().get("/v1/orgs?limit=2&starting_after=" + newestFirst.get(3), tenant.accessToken()).json();
        assertThat(idsOf(last)).containsExactly(newestFirst.get(4));
        assertThat(last.get("has_more").asBoolean()).isFalse();

        JsonNode back = TestApp.api().get("/v1/orgs?limit=2&ending_before=" + newestFirst.get(3), tenant.accessToken()).json();
        assertThat(idsOf(back)).containsExactlyElementsOf(newestFirst.subList(1, 3));
        assertThat(back.get("has_more").asBoolean()).isTrue();

        assertThat(idsOf(TestApp.api().get("/v1/orgs", tenant.accessToken()).json())).hasSize(5);
    }

    @Test
    void pageParametersOutOfRangeAreRefused() {
        Tenant tenant = Tenants.register();
        for (String query : new String[] {"limit=0", "limit=101", "limit=abc", "starting_after=-3", "starting_after=x",
                "starting_after=5&ending_before=9"}) {
            var response = TestApp.api().get("/v1/orgs?" + query, tenant.accessToken());
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.code()).as(query).isEqualTo("invalid_parameter");
        }
    }

    private static List<Long> idsOf(JsonNode page) {
        return StreamSupport.stream(page.get("data").spliterator(), false).map(n -> n.get("id").asLong()).toList();
    }
}
