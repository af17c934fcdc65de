package io.rentapi.api.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rentapi.api.support.BodyRoutes;
import io.rentapi.api.support.TenantScopedRoutes;
import io.rentapi.api.support.TestApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The harnesses cover every route the API describes: a new route that takes an id or a body fails
 * here until it is added to {@link TenantScopedRoutes} or {@link BodyRoutes}.
 */
@ExtendWith(TestApp.class)
class HarnessCoverageTest {
    @Test
    void everyRouteWithAnIdIsInTheTenantIsolationHarness() {
        Set<String> covered = new TreeSet<>();
        TenantScopedRoutes.ALL.forEach(o -> o.byId().forEach(r -> covered.add(r.method() + " " + normalize(r.path()))));
        assertThat(covered).containsAll(routes(true, Set.of("GET", "POST", "PUT", "PATCH", "DELETE")));
    }

    @Test
    void everyRouteWithABodyIsInTheBadInputHarness() {
        Set<String> covered = new TreeSet<>();
        BodyRoutes.ALL.forEach(r -> covered.add(r.method() + " " + normalize(r.template())));
        List<String> withBody = new ArrayList<>();
        JsonNode paths = TestApp.api().get("/v1/openapi.json", null).json().get("paths");
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (op.getValue().has("requestBody")) {
                withBody.add(op.getKey().toUpperCase(Locale.ROOT) + " " + normalize(path.getKey()));
            }
        }));
        assertThat(withBody).isNotEmpty();
        assertThat(covered).containsAll(withBody);
    }

    private static List<String> routes(boolean withIdOnly, Set<String> methods) {
        List<String> routes = new ArrayList<>();
        JsonNode paths = TestApp.api().get("/v1/openapi.json", null).json().get("paths");
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String method = op.getKey().toUpperCase(Locale.ROOT);
            if (methods.contains(method) && (!withIdOnly || path.getKey().contains("{"))) {
                routes.add(method + " " + normalize(path.getKey()));
            }
        }));
        assertThat(routes).isNotEmpty();
        return routes;
    }

    private static String normalize(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }
}
