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

    @Test
    void everyRouteThatIsNotPublicRefusesACallWithoutCredentials() {
        List<String> open = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        JsonNode paths = TestApp.api().get("/v1/openapi.json", null).json().get("paths");
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode security = op.getValue().get("security");
            if (security != null && security.isArray() && security.isEmpty()) {
                return; // described as public
            }
            String method = op.getKey().toUpperCase(Locale.ROOT);
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "1");
            var call = TestApp.api().call(method, concrete);
            if (op.getValue().has("requestBody")) {
                call.raw("{}", "application/json");
            }
            var answer = call.send();
            checked.add(method + " " + path.getKey());
            if (answer.status() != 401 || !"unauthenticated".equals(answer.code())) {
                open.add(method + " " + path.getKey() + " -> " + answer);
            }
        }));
        assertThat(checked).hasSizeGreaterThan(50);
        assertThat(open).as("routes that answer without credentials").isEmpty();
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
