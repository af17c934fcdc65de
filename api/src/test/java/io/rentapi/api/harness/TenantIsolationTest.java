package io.rentapi.api.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.TenantScopedRoutes;
import io.rentapi.api.support.TenantScopedRoutes.ById;
import io.rentapi.api.support.TenantScopedRoutes.Listing;
import io.rentapi.api.support.TenantScopedRoutes.Owned;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Another organization's objects are "not found" on every route, and never appear in a list. */
@ExtendWith(TestApp.class)
class TenantIsolationTest {
    static final List<Owned> OBJECTS = TenantScopedRoutes.ALL;

    @ParameterizedTest(name = "{0}")
    @FieldSource("OBJECTS")
    void anotherOrganizationsObjectIsNotFoundOnEveryRoute(Owned owned) {
        Tenant owner = Tenants.register();
        Tenant stranger = Tenants.register();
        long id = owned.create().apply(owner);

        for (ById route : owned.byId()) {
            var call = TestApp.api().call(route.method(), route.path().replace("{id}", Long.toString(id)))
                    .token(stranger.accessToken());
            if (route.body() != null) {
                call.json(route.body().replace("{id}", Long.toString(id)));
            }
            ApiResponse response = call.send();
            assertThat(response.status()).as(route.method() + " " + route.path() + ": " + response).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isEqualTo("not_found");
        }
        for (Listing list : owned.lists()) {
            assertThat(ids(TestApp.api().get(list.path(), owner.accessToken()), list.idField()))
                    .as("the owner sees its own %s in %s", owned.name(), list.path()).contains(id);
            assertThat(ids(TestApp.api().get(list.path(), stranger.accessToken()), list.idField()))
                    .as("another organization never sees it in %s", list.path()).doesNotContain(id);
        }
    }

    private static List<Long> ids(ApiResponse response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode data = response.json().get("data");
        return StreamSupport.stream(data.spliterator(), false).map(item -> item.get(field).asLong()).toList();
    }
}
