package io.rentapi.api.dev;

import static io.rentapi.api.support.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.JarProcess;
import io.rentapi.api.support.Receiver;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `rentapi dev` from the real jar: H2 on disk, demo owner on first start, the worker in the same
 * JVM (mail to the log, webhooks delivered), data kept across restarts.
 */
class DevModeIT {
    private static final Pattern PASSWORD = Pattern.compile("password: (\\S+)");

    @Test
    void devModeStartsSeedsServesAndKeepsItsDataAcrossRestarts(@TempDir Path workDir) throws Exception {
        int port = JarProcess.freePort();
        int adminPort = JarProcess.freePort();
        Map<String, String> env = Map.of("RENTAPI_PORT", Integer.toString(port),
                "RENTAPI_ADMIN_PORT", Integer.toString(adminPort), "RENTAPI_DATA", workDir.resolve("data").toString());
        ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + port));
        String email = "dev-user@example.com";

        long started = System.nanoTime();
        try (JarProcess first = JarProcess.start(workDir, env, "dev")) {
            String passwordLine = first.awaitLine(l -> l.contains("password:"), Duration.ofSeconds(90));
            System.out.printf("dev mode: first start to ready in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            Matcher m = PASSWORD.matcher(passwordLine);
            assertThat(m.find()).isTrue();
            assertThat(first.output()).contains("owner@demo.example").contains("http://localhost:" + port + "/v1");

            var login = api.post("/v1/auth/login", null, object("email", "owner@demo.example", "password", m.group(1)));
            assertThat(login.status()).as(login.toString()).isEqualTo(200);
            assertThat(api.get("/v1/org", login.json().get("access_token").asText()).json().get("name").asText())
                    .isEqualTo("Demo Rentals");
            assertThat(api.post("/v1/api_keys", login.json().get("access_token").asText(), object("name", "demo",
                    "scopes", java.util.List.of("org:read"))).status()).as("the demo owner is verified").isEqualTo(201);
            var subscription = api.get("/v1/subscription", login.json().get("access_token").asText());
            assertThat(subscription.status()).as(subscription.toString()).isEqualTo(200);
            // the demo organization explores on a Pro trial, not within Free's quotas
            assertThat(subscription.json().get("status").asText()).isEqualTo("trialing");
            assertThat(subscription.json().get("plan").asText()).isEqualToIgnoringCase("pro");
            assertThat(api.post("/v1/me/2fa/setup", login.json().get("access_token").asText(), null).status())
                    .as("2FA works in dev without a configured key").isEqualTo(200);
            assertThat(api.post("/v1/auth/register", null, object("email", email, "password", "correct horse battery staple",
                    "name", "Dev User", "organization_name", "Dev Org")).status()).isEqualTo(201);
            // without SMTP the worker writes mail to the log, links and all
            first.awaitLine(l -> l.contains("mail to " + email), Duration.ofSeconds(30));
            first.awaitLine(l -> l.contains("/verify-email?token="), Duration.ofSeconds(10));
            // the worker runs in the same JVM: a webhook endpoint's test ping reaches a local receiver, signed
            try (Receiver receiver = new Receiver()) {
                String token = login.json().get("access_token").asText();
                var endpoint = api.post("/v1/webhook_endpoints", token, object("url", receiver.url("/dev-hook")));
                assertThat(endpoint.status()).as(endpoint.toString()).isEqualTo(201);
                var ping = api.post("/v1/webhook_endpoints/" + endpoint.json().get("id").asLong() + "/test", token, null);
                assertThat(ping.status()).as(ping.toString()).isEqualTo(202);
                Receiver.await(Duration.ofSeconds(30), () -> receiver.received("/dev-hook").stream()
                        .anyMatch(r -> r.body().contains("\"type\":\"ping\"")), "the ping delivered in dev");
                assertThat(receiver.received("/dev-hook")).allSatisfy(r -> assertThat(r.header("webhook-signature")).startsWith("v1,"));
            }
            var health = new ApiClient(URI.create("http://127.0.0.1:" + adminPort)).get("/healthcheck", null);
            assertThat(health.status()).as(health.toString()).isEqualTo(200);
            assertThat(health.json().path("webhook-delivery").path("healthy").asBoolean()).as(health.toString()).isTrue();
            assertThat(first.stop()).as("a clean shutdown on SIGTERM").isIn(0, 143);
        }
        assertThat(Files.exists(workDir.resolve("data"))).isTrue();

        started = System.nanoTime();
        try (JarProcess second = JarProcess.start(workDir, env, "dev")) {
            second.awaitLine(l -> l.contains("rentapi dev is ready"), Duration.ofSeconds(90));
            System.out.printf("dev mode: restart to ready in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertThat(second.output()).as("the password is shown only once").doesNotContain("password:");
            var login = api.post("/v1/auth/login", null, object("email", email, "password", "correct horse battery staple"));
            assertThat(login.status()).as("the user registered before the restart").isEqualTo(200);
            second.stop();
        }
    }
}
