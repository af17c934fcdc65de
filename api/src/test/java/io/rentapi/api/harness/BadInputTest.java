package io.rentapi.api.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.BodyRoutes;
import io.rentapi.api.support.BodyRoutes.BodyRoute;
import io.rentapi.api.support.DatabaseSnapshot;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every route that reads a body answers bad input with a 4xx problem document and a stable code,
 * and writes nothing.
 */
@ExtendWith(TestApp.class)
class BadInputTest {
    static final List<BodyRoute> ROUTES = BodyRoutes.ALL;

    record Case(String what, String body, String contentType, int status, String code) {
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("ROUTES")
    void badInputIsRefusedWithAProblemAndWritesNothing(BodyRoute route) {
        Tenant tenant = Tenants.register();
        String path = route.path().apply(tenant);
        ObjectNode valid = route.valid().apply(tenant);

        List<Case> cases = new ArrayList<>(List.of(
                new Case("malformed JSON", "{\"a\":", "application/json", 400, "malformed_json"),
                new Case("trailing garbage", valid + " x", "application/json", 400, "malformed_json"),
                new Case("an array instead of an object", "[]", "application/json", 400, "invalid_field_type"),
                new Case("a string instead of an object", "\"x\"", "application/json", 400, "invalid_field_type"),
                new Case("form data", "a=b", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
                new Case("an unknown field", valid.deepCopy().put("no_such_field", 1).toString(), "application/json",
                        400, "unknown_field")));
        if (!route.optional()) {
            cases.add(new Case("an empty body", "", "application/json", 400, "missing_body"));
            cases.add(new Case("JSON null", "null", "application/json", 400, "missing_body"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = valid.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            ObjectNode wrongType = valid.deepCopy();
            if (field.getValue().isTextual()) {
                wrongType.put(field.getKey(), 12345);
            } else {
                wrongType.put(field.getKey(), "not-a-" + field.getValue().getNodeType().name().toLowerCase());
            }
            cases.add(new Case(field.getKey() + " of the wrong type", wrongType.toString(), "application/json",
                    400, "invalid_field_type"));
            if (!field.getValue().isObject()) {
                ObjectNode nested = valid.deepCopy();
                nested.putObject(field.getKey()).put("x", 1);
                cases.add(new Case(field.getKey() + " as an object", nested.toString(), "application/json",
                        400, "invalid_field_type"));
            }
        }
        for (String required : route.required()) {
            ObjectNode missing = valid.deepCopy();
            missing.remove(required);
            cases.add(new Case("without " + required, missing.toString(), "application/json", 422, "validation_failed"));
            ObjectNode nulled = valid.deepCopy();
            nulled.putNull(required);
            cases.add(new Case(required + " null", nulled.toString(), "application/json", 422, "validation_failed"));
        }

        Map<String, Long> before = DatabaseSnapshot.rowCounts();
        for (Case c : cases) {
            ApiResponse response = TestApp.api().call(route.method(), path)
                    .token(route.open() ? null : tenant.accessToken())
                    .raw(c.body(), c.contentType()).send();
            assertProblem(route + " with " + c.what(), response, c.status(), c.code());
            if (c.code().equals("validation_failed")) {
                assertThat(response.json().get("errors")).as(c.what()).isNotEmpty();
            }
        }
        ApiResponse huge = TestApp.api().call(route.method(), path)
                .token(route.open() ? null : tenant.accessToken())
                .raw("{\"pad\":\"" + "x".repeat(128 * 1024) + "\"}", "application/json").send();
        assertProblem(route + " with a huge body", huge, 413, "payload_too_large");
        ApiResponse hugeChunked = TestApp.api().call(route.method(), path)
                .token(route.open() ? null : tenant.accessToken())
                .body(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        ("{\"pad\":\"" + "x".repeat(128 * 1024) + "\"}").getBytes())), "application/json").send();
        assertProblem(route + " with a huge chunked body", hugeChunked, 413, "payload_too_large");

        assertThat(DatabaseSnapshot.rowCounts()).as("nothing written by refused requests to " + route)
                .isEqualTo(before);
    }

    static void assertProblem(String what, ApiResponse response, int status, String code) {
        assertThat(response.status()).as(what + ": " + response).isEqualTo(status);
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("code").asText()).as(what + ": " + response).isEqualTo(code);
        assertThat(problem.path("status").asInt()).as(what).isEqualTo(status);
        assertThat(problem.path("request_id").asText()).as(what).isEqualTo(response.header("Request-Id"));
        assertThat(response.text()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
    }

}
