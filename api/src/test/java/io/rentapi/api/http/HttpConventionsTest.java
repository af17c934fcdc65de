package io.rentapi.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestApp.class)
class HttpConventionsTest {
    @Test
    void unknownRoutesAndWrongMethodsAnswerProblems() {
        ApiResponse missing = TestApp.api().get("/v1/no-such-thing", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.code()).isEqualTo("route_not_found");

        ApiResponse wrongMethod = TestApp.api().call("PUT", "/v1/me").json("{}").send();
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.code()).isEqualTo("method_not_allowed");
        assertThat(wrongMethod.header("Allow")).contains("GET");

        ApiResponse notAcceptable = TestApp.api().call("GET", "/v1/openapi.json").header("Accept", "text/csv").send();
        assertThat(notAcceptable.status()).isEqualTo(406);
        assertThat(notAcceptable.code()).isEqualTo("not_acceptable");
    }

    @Test
    void everyAnswerCarriesARequestIdAndAWellFormedOneFromTheCallerIsKept() {
        ApiResponse generated = TestApp.api().get("/v1/me", null);
        assertThat(generated.header("Request-Id")).matches("req_[0-9a-f]{24}");
        assertThat(generated.json().get("request_id").asText()).isEqualTo(generated.header("Request-Id"));

        ApiResponse kept = TestApp.api().call("GET", "/v1/me").header("Request-Id", "client-trace-0001").send();
        assertThat(kept.header("Request-Id")).isEqualTo("client-trace-0001");

        ApiResponse replaced = TestApp.api().call("GET", "/v1/me").header("Request-Id", "bad id\u00e9with spaces").send();
        assertThat(replaced.header("Request-Id")).startsWith("req_");

        ApiResponse ok = TestApp.api().get("/v1/me", Tenants.register().accessToken());
        assertThat(ok.header("Request-Id")).isNotBlank();
    }

    @Test
    void requestsJettyRefusesBeforeTheApiAreProblemsNotHtml() throws IOException {
        String malformed = rawExchange("GET /v1/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(malformed).startsWith("HTTP/1.1 400");
        assertThat(malformed).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(malformed).doesNotContainIgnoringCase("<html");

        String hugeHeader = rawExchange("GET /v1/me HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(64 * 1024)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(hugeHeader).startsWith("HTTP/1.1 431");
        assertThat(hugeHeader).doesNotContainIgnoringCase("<html");
    }

    private static String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket(TestApp.api().base().getHost(), TestApp.api().base().getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
