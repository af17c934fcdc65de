package io.rentapi.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.JarProcess;
import io.rentapi.api.support.Receiver;
import io.rentapi.api.support.TestDatabase;
import io.rentapi.api.support.WebhookWorkers;
import io.rentapi.webhooks.endpoints.EndpointSecrets;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Worker processes from the real jar: killed with SIGKILL mid-way, a second one finishes the job. */
class WebhookWorkerCrashIT {
    private static final int EVENTS = 10_000;

    @TempDir
    Path workDir;

    private Map<String, String> env(int adminPort) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", TestDatabase.jdbcUrl());
        env.put("DATABASE_USER", System.getenv().getOrDefault("DATABASE_USER", "postgres"));
        env.put("DATABASE_PASSWORD", System.getenv().getOrDefault("DATABASE_PASSWORD", "postgres"));
        env.put("REDIS_URL", System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379"));
        env.put("JAVA_TOOL_OPTIONS", "-Ddw.server.adminConnectors[0].port=" + adminPort);
        return env;
    }

    private JarProcess worker(int adminPort) throws Exception {
        JarProcess worker = JarProcess.start(workDir, env(adminPort), "worker", "config/test.yml");
        ApiClient admin = new ApiClient(URI.create("http://127.0.0.1:" + adminPort));
        try {
            Receiver.await(Duration.ofSeconds(90), () -> {
                try {
                    return admin.get("/healthcheck", null).status() == 200;
                } catch (java.io.UncheckedIOException notYet) {
                    return false;
                }
            }, "the worker's admin port answers");
        } catch (AssertionError e) {
            worker.close();
            throw new AssertionError(e.getMessage() + "; output:\n" + worker.output(), e);
        }
        return worker;
    }

    @Test
    void killedWorkerLosesNothingAndOnlyInFlightDeliveriesAreRepeatedWithTheirWebhookId() throws Exception {
        try (Receiver receiver = new Receiver()) {
            int firstAdmin = JarProcess.freePort();
            JarProcess first = worker(firstAdmin); // it migrates the fresh database
            Jdbi jdbi = WebhookWorkers.jdbi();
            long org = jdbi.withHandle(h -> h.createQuery("""
                    INSERT INTO organizations (name, created_at, updated_at) VALUES ('crash', now(), now()) RETURNING id
                    """).mapTo(Long.class).one());
            jdbi.useHandle(h -> h.createUpdate("""
                    INSERT INTO webhook_endpoints (org_id, url, event_types, enabled, secret, created_at, updated_at)
                    VALUES (:org, :url, 'crash.test', true, :secret, now(), now())
                    """).bind("org", org).bind("url", receiver.url("/crash")).bind("secret", EndpointSecrets.generate())
                    .execute());
            jdbi.useHandle(h -> h.createUpdate("""
                    INSERT INTO events (org_id, type, payload, created_at)
                    SELECT :org, 'crash.test', '{"n":' || g || '}', now() FROM generate_series(1, :events) g
                    """).bind("org", org).bind("events", EVENTS).execute());

            Receiver.await(Duration.ofSeconds(60), () -> distinct(receiver) >= EVENTS / 4, "a quarter delivered");
            first.close(); // SIGKILL: no shutdown hook, no hand-back of claims
            first.awaitExit(Duration.ofSeconds(10));
            int atKill = receiver.received().size();
            assertThat(distinct(receiver)).as("killed mid-way").isLessThan(EVENTS);

            int secondAdmin = JarProcess.freePort();
            try (JarProcess second = worker(secondAdmin)) {
                Receiver.await(Duration.ofSeconds(60), () -> distinct(receiver) == EVENTS,
                        "every event delivered after the restart (" + distinct(receiver) + ")");
                Receiver.await(Duration.ofSeconds(10), () -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM webhook_deliveries WHERE org_id = :org AND status = 'succeeded'")
                        .bind("org", org).mapTo(Integer.class).one()) == EVENTS, "every delivery recorded as succeeded");

                Map<String, Long> copies = receiver.received("/crash").stream()
                        .collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
                assertThat(copies).hasSize(EVENTS);
                List<String> repeated = copies.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
                assertThat(copies.values()).as("no event arrives more than twice").allMatch(n -> n <= 2);
                assertThat(repeated.size()).as("repeats are bounded by what one worker holds in flight (received at kill: "
                        + atKill + ")").isLessThanOrEqualTo(2000);
                Map<String, String> bodies = receiver.received("/crash").stream()
                        .collect(Collectors.toMap(r -> r.header("webhook-id"), Receiver.Received::body, (a, b) -> {
                            assertThat(b).as("a repeat carries the same event").isEqualTo(a);
                            return a;
                        }));
                assertThat(bodies).hasSize(EVENTS);

                String metrics = new ApiClient(URI.create("http://127.0.0.1:" + secondAdmin)).get("/metrics", null).text();
                assertThat(metrics).contains("webhooks_deliveries_succeeded").contains("webhooks_queue_depth")
                        .contains("webhooks_attempts_latency").contains("webhooks_breakers_open");
                JsonNode health = new ApiClient(URI.create("http://127.0.0.1:" + secondAdmin)).get("/healthcheck", null).json();
                assertThat(health.path("webhook-delivery").path("healthy").asBoolean()).as(health.toString()).isTrue();
                second.stop(); // SIGTERM: the JVM answers 143 after its shutdown hooks have run
                assertThat(second.output()).as("a clean stop leaves no claim to lapse").doesNotContain("still in flight at shutdown");
            }
            int held = jdbi.withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM webhook_deliveries WHERE org_id = :org AND status = 'pending' AND next_attempt_at > now()")
                    .bind("org", org).mapTo(Integer.class).one());
            assertThat(held).as("a clean stop holds no claims").isZero();
        }
    }

    private static int distinct(Receiver receiver) {
        return (int) receiver.received("/crash").stream().map(r -> r.header("webhook-id")).distinct().count();
    }
}
