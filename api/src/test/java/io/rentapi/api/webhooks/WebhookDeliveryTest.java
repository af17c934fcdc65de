package io.rentapi.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.rentapi.api.http.ApiJson;
import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.Mailbox;
import io.rentapi.api.support.MutableClock;
import io.rentapi.api.support.Receiver;
import io.rentapi.api.support.Receiver.Answer;
import io.rentapi.api.support.Receiver.Received;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.WebhookWorkers;
import io.rentapi.api.support.Webhooks;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.webhooks.delivery.WebhookSettings;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Delivery end to end: outbox event, fan-out, signed request to a real local receiver, outcome in the log. */
@ExtendWith(TestApp.class)
class WebhookDeliveryTest {
    @RegisterExtension
    static final Mailbox MAILBOX = new Mailbox();
    private static final Duration WAIT = Duration.ofSeconds(15);

    static long emit(Tenant tenant, String type, Map<String, Object> data) {
        Outbox outbox = new Outbox(ApiJson.newMapper(), Clock.systemUTC());
        return WebhookWorkers.jdbi().inTransaction(h -> outbox.append(h, tenant.orgId(), type, data));
    }

    static JsonNode deliveries(Tenant tenant, long endpointId) {
        ApiClient.ApiResponse response = TestApp.api().get("/v1/webhook_endpoints/" + endpointId + "/deliveries?limit=100",
                tenant.accessToken());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("data");
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    static JsonNode onlyDelivery(Tenant tenant, long endpointId) {
        JsonNode data = deliveries(tenant, endpointId);
        assertThat(data).hasSize(1);
        return data.get(0);
    }

    static void awaitDelivery(Tenant tenant, long endpointId, String what,
                              java.util.function.Predicate<JsonNode> done) throws InterruptedException {
        Receiver.await(WAIT, () -> {
            JsonNode data = deliveries(tenant, endpointId);
            return data.size() > 0 && list(data).stream().allMatch(done);
        }, what + ": " + deliveries(tenant, endpointId));
    }

    /** Emits events {@code spacing} apart; answers how long each took to reach the path, in ms, shortest first. */
    static List<Long> latencies(Tenant tenant, String type, int count, Duration spacing, Receiver receiver, String path)
            throws Exception {
        List<Instant> emitted = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            emitted.add(Instant.now());
            emit(tenant, type, Map.of("n", n));
            Thread.sleep(spacing.toMillis());
        }
        Receiver.await(WAIT, () -> receiver.received(path).size() >= count, "all deliveries to " + path);
        List<Long> latencies = new ArrayList<>();
        for (Received r : receiver.received(path)) {
            int n = ApiClient.JSON.readTree(r.body()).get("data").get("n").asInt();
            latencies.add(Duration.between(emitted.get(n), r.at()).toMillis());
        }
        latencies.sort(Long::compare);
        return latencies;
    }

    @Test
    void signedDeliveryIsAcceptedByTheOfficialVerifierAndLogged() throws Exception {
        try (Receiver receiver = new Receiver(); var worker = WebhookWorkers.start(Clock.systemUTC())) {
            Tenant tenant = Tenants.register();
            var endpoint = Webhooks.endpoint(tenant, receiver.url("/hook"), "rental.*");
            long eventId = emit(tenant, "rental.created", Map.of("rental_id", 42, "note", "ünïcødé \"quoted\""));
            emit(tenant, "api_key.created", Map.of("ignored", true)); // not subscribed

            Receiver.await(WAIT, () -> receiver.received("/hook").size() == 1, "one delivery");
            Received request = receiver.received("/hook").get(0);
            assertThatCode(() -> new Webhook(endpoint.secret()).verify(request.body(), request.headers()))
                    .as("the official Standard Webhooks verifier accepts it").doesNotThrowAnyException();
            assertThat(request.header("webhook-id")).isEqualTo("evt_" + eventId);
            assertThat(request.header("content-type")).startsWith("application/json");
            JsonNode body = ApiClient.JSON.readTree(request.body());
            assertThat(body.get("id").asLong()).isEqualTo(eventId);
            assertThat(body.get("type").asText()).isEqualTo("rental.created");
            assertThat(Instant.parse(body.get("created_at").asText())).isBefore(Instant.now().plusSeconds(1));
            assertThat(body.get("data").get("rental_id").asInt()).isEqualTo(42);
            assertThat(body.get("data").get("note").asText()).isEqualTo("ünïcødé \"quoted\"");

            awaitDelivery(tenant, endpoint.id(), "succeeded", d -> d.get("status").asText().equals("succeeded"));
            JsonNode delivery = onlyDelivery(tenant, endpoint.id());
            assertThat(delivery.get("event_type").asText()).isEqualTo("rental.created");
            assertThat(delivery.get("webhook_id").asText()).isEqualTo("evt_" + eventId);
            JsonNode attempt = delivery.get("attempts").get(0);
            assertThat(attempt.get("status_code").asInt()).isEqualTo(200);
            assertThat(attempt.get("latency_ms").asInt()).isBetween(0, 2000);
            assertThat(attempt.get("response_body").asText()).isEqualTo("{\"ok\":true}");
            assertThat(worker.metrics().meter("webhooks.deliveries.succeeded").getCount()).isPositive();

            JsonNode single = TestApp.api().get("/v1/webhook_deliveries/" + delivery.get("id").asLong(), tenant.accessToken()).json();
            assertThat(single.get("attempts")).hasSize(1);
        }
    }

    @Test
    void afterRotationBothSecretsSignForADayThenOnlyTheNewOne() throws Exception {
        MutableClock clock = MutableClock.running();
        try (Receiver receiver = new Receiver(); var worker = WebhookWorkers.start(clock)) {
            Tenant tenant = Tenants.register();
            var endpoint = Webhooks.endpoint(tenant, receiver.url("/hook"), "rental.created");
            ApiClient.ApiResponse rotated = TestApp.api().call("POST", "/v1/webhook_endpoints/" + endpoint.id() + "/rotate_secret")
                    .token(tenant.accessToken()).send();
            assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
            String newSecret = rotated.json().get("secret").asText();
            assertThat(newSecret).startsWith("whsec_").isNotEqualTo(endpoint.secret());
            assertThat(Instant.parse(rotated.json().get("previous_secret_expires_at").asText()))
                    .isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));

            emit(tenant, "rental.created", Map.of("rental_id", 7));
            Receiver.await(WAIT, () -> receiver.received("/hook").size() == 1, "one delivery");
            Received request = receiver.received("/hook").get(0);
            assertThat(request.header("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
            for (String secret : List.of(endpoint.secret(), newSecret)) {
                assertThatCode(() -> new Webhook(secret).verify(request.body(), request.headers())).doesNotThrowAnyException();
            }
            assertThatCode(() -> new Webhook("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]))
                    .verify(request.body(), request.headers())).as("a wrong secret is refused").isNotNull()
                    .isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);

            clock.advance(Duration.ofHours(24).plusMinutes(1));
            emit(tenant, "rental.created", Map.of("rental_id", 8));
            Receiver.await(WAIT, () -> receiver.received("/hook").size() == 2, "a delivery once the day is over");
            Received later = receiver.received("/hook").get(1);
            long timestamp = Long.parseLong(later.header("webhook-timestamp"));
            // the official verifier would refuse a timestamp a day ahead of real time, so its signer is the reference
            assertThat(later.header("webhook-signature")).as("only the new secret signs")
                    .isEqualTo(new Webhook(newSecret).sign(later.header("webhook-id"), timestamp, later.body()));
        }
    }

    @Test
    void testSendsASignedPingToThatEndpointOnly() throws Exception {
        try (Receiver receiver = new Receiver(); var worker = WebhookWorkers.start(Clock.systemUTC())) {
            Tenant tenant = Tenants.register();
            var tested = Webhooks.endpoint(tenant, receiver.url("/tested"), "rental.created");
            var everything = Webhooks.endpoint(tenant, receiver.url("/everything"));
            long deliveryId = Webhooks.ping(tenant, tested.id());
            // fanned out after the ping's event: once it has reached the other endpoint, so would have the ping
            emit(tenant, "rental.created", Map.of("n", 1));
            Receiver.await(WAIT, () -> types(receiver.received("/everything")).contains("rental.created"),
                    "the later event reaches the other endpoint");
            Receiver.await(WAIT, () -> types(receiver.received("/tested")).contains("ping"), "the ping arrives");

            Received ping = receiver.received("/tested").stream().filter(r -> type(r).equals("ping")).findFirst().orElseThrow();
            assertThatCode(() -> new Webhook(tested.secret()).verify(ping.body(), ping.headers()))
                    .as("signed with the endpoint's secret").doesNotThrowAnyException();
            JsonNode body = ApiClient.JSON.readTree(ping.body());
            assertThat(body.get("data").get("endpoint_id").asLong()).isEqualTo(tested.id());
            awaitDelivery(tenant, tested.id(), "both delivered", d -> d.get("status").asText().equals("succeeded"));
            JsonNode delivery = TestApp.api().get("/v1/webhook_deliveries/" + deliveryId, tenant.accessToken()).json();
            assertThat(delivery.get("event_type").asText()).isEqualTo("ping");
            assertThat(ping.header("webhook-id")).isEqualTo(delivery.get("webhook_id").asText());

            assertThat(types(receiver.received("/everything"))).as("an endpoint subscribed to everything").doesNotContain("ping");
            assertThat(list(deliveries(tenant, everything.id()))).extracting(d -> d.get("event_type").asText())
                    .doesNotContain("ping");
        }
    }

    @Test
    void editingAFailingEndpointKeepsItsFailingClockAndOnlyEnablingItAgainRestartsIt() throws Exception {
        try (Receiver receiver = new Receiver().answer("/broken", r -> Answer.status(500));
             var worker = WebhookWorkers.start(Clock.systemUTC())) {
            Tenant tenant = Tenants.register();
            String path = "/v1/webhook_endpoints/" + Webhooks.endpoint(tenant, receiver.url("/broken"), "rental.*").id();
            emit(tenant, "rental.created", Map.of("n", 1));
            Receiver.await(WAIT, () -> TestApp.api().get(path, tenant.accessToken()).json().has("failing_since"), "failing");
            String failingSince = TestApp.api().get(path, tenant.accessToken()).json().get("failing_since").asText();

            for (var edit : List.of(ApiClient.object("description", "still broken", "rate_limit", 5),
                    ApiClient.object("enabled", true), ApiClient.object("enabled", false))) {
                ApiClient.ApiResponse edited = TestApp.api().patch(path, tenant.accessToken(), edit);
                assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
                assertThat(edited.json().path("failing_since").asText()).as(edit + " keeps the clock").isEqualTo(failingSince);
            }
            ApiClient.ApiResponse enabled = TestApp.api().patch(path, tenant.accessToken(), ApiClient.object("enabled", true));
            assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
            assertThat(enabled.json().has("failing_since")).as("enabled again: a fresh start").isFalse();
        }
    }

    @Test
    void deliveriesAreFilteredByStatusEventTypeAndTime() throws Exception {
        Instant start = Instant.now();
        MutableClock clock = new MutableClock(start);
        try (Receiver receiver = new Receiver().answer("/hook",
                r -> type(r).equals("customer.created") ? Answer.status(500) : Answer.ok());
             var worker = WebhookWorkers.start(clock)) {
            Tenant tenant = Tenants.register();
            long id = Webhooks.endpoint(tenant, receiver.url("/hook"), "rental.*", "rentals.*", "customer.*").id();
            emit(tenant, "rental.created", Map.of("n", 1));
            emit(tenant, "customer.created", Map.of("n", 2));
            emit(tenant, "rentals.created", Map.of("n", 3));
            Receiver.await(WAIT, () -> attempted(tenant, id) == 3, "three deliveries attempted");
            clock.advance(Duration.ofHours(1));
            emit(tenant, "rental.returned", Map.of("n", 4));
            Receiver.await(WAIT, () -> attempted(tenant, id) == 4, "the fourth attempted");
            String between = start.plus(Duration.ofMinutes(30)).toString();

            assertThat(deliveryTypes(tenant, id, "status=pending")).containsExactly("customer.created");
            assertThat(deliveryTypes(tenant, id, "status=succeeded"))
                    .containsExactly("rental.returned", "rentals.created", "rental.created");
            assertThat(deliveryTypes(tenant, id, "status=failed")).isEmpty();
            assertThat(deliveryTypes(tenant, id, "event_type=rental.created")).containsExactly("rental.created");
            assertThat(deliveryTypes(tenant, id, "event_type=rental.*")).containsExactly("rental.returned", "rental.created");
            assertThat(deliveryTypes(tenant, id, "event_type=rental_.*")).as("_ in a prefix is no LIKE wildcard").isEmpty();
            assertThat(deliveryTypes(tenant, id, "created_after=" + between)).containsExactly("rental.returned");
            assertThat(deliveryTypes(tenant, id, "created_before=" + between))
                    .containsExactly("rentals.created", "customer.created", "rental.created");
            assertThat(deliveryTypes(tenant, id, "status=succeeded&event_type=rental.*&created_before=" + between))
                    .containsExactly("rental.created");

            for (String bad : List.of("rental.crea*", "Rental")) {
                ApiClient.ApiResponse refused = TestApp.api().get("/v1/webhook_endpoints/" + id + "/deliveries?event_type=" + bad,
                        tenant.accessToken());
                assertThat(refused.status()).as(bad).isEqualTo(400);
                assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("event_type");
            }
        }
    }

    @Test
    void recoverResendsWhatFailedSinceThenHoweverLongBeforeItWasCreated() throws Exception {
        Instant start = Instant.now();
        MutableClock clock = new MutableClock(start);
        java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean(false);
        // rental.updated is answered 410 at once: it fails, and the endpoint is disabled, at the start
        try (Receiver receiver = new Receiver().answer("/hook", r -> up.get() ? Answer.ok()
                     : Answer.status(type(r).equals("rental.updated") ? 410 : 500));
             var worker = WebhookWorkers.start(clock)) {
            Tenant tenant = Tenants.register();
            long id = Webhooks.endpoint(tenant, receiver.url("/hook"), "rental.*").id();
            emit(tenant, "rental.created", Map.of("n", 1));
            awaitDelivery(tenant, id, "first attempt", d -> d.get("attempt_count").asInt() == 1);
            emit(tenant, "rental.updated", Map.of("n", 2));
            Receiver.await(WAIT, () -> statuses(tenant, id).equals(List.of("failed", "pending")), "gone, the endpoint disabled");

            clock.advance(Duration.ofDays(2)); // the created one's retry finds the endpoint disabled: failed two days later
            Receiver.await(WAIT, () -> statuses(tenant, id).equals(List.of("failed", "failed")), "both failed");
            up.set(true);
            assertThat(TestApp.api().patch("/v1/webhook_endpoints/" + id, tenant.accessToken(),
                    ApiClient.object("enabled", true)).status()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(1)); // past the worker's endpoint refresh: it sees the endpoint enabled

            ApiClient.ApiResponse recovered = TestApp.api().call("POST", "/v1/webhook_endpoints/" + id
                    + "/recover?since=" + start.plus(Duration.ofDays(1))).token(tenant.accessToken()).send();
            assertThat(recovered.status()).as(recovered.toString()).isEqualTo(202);
            assertThat(recovered.json().get("recovered").asInt()).as("created before since, failed after it").isEqualTo(1);
            Receiver.await(WAIT, () -> statuses(tenant, id).equals(List.of("failed", "succeeded")), "recovered");
            assertThat(deliveryTypes(tenant, id, "status=failed")).as("failed before since").containsExactly("rental.updated");
        }
    }

    private static String type(Received r) {
        try {
            return ApiClient.JSON.readTree(r.body()).get("type").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> types(List<Received> received) {
        return received.stream().map(WebhookDeliveryTest::type).toList();
    }

    private static List<String> statuses(Tenant tenant, long endpointId) {
        return list(deliveries(tenant, endpointId)).stream().map(d -> d.get("status").asText()).toList();
    }

    private static long attempted(Tenant tenant, long endpointId) {
        return list(deliveries(tenant, endpointId)).stream().filter(d -> d.get("attempt_count").asInt() > 0).count();
    }

    private static List<String> deliveryTypes(Tenant tenant, long endpointId, String query) {
        ApiClient.ApiResponse response = TestApp.api().get("/v1/webhook_endpoints/" + endpointId + "/deliveries?" + query,
                tenant.accessToken());
        assertThat(response.status()).as(query + ": " + response).isEqualTo(200);
        return list(response.json().get("data")).stream().map(d -> d.get("event_type").asText()).toList();
    }

    @Test
    void failedAttemptIsRetriedOnScheduleWithTheSameWebhookId() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        AtomicInteger calls = new AtomicInteger();
        try (Receiver receiver = new Receiver().answer("/flaky",
                r -> calls.incrementAndGet() == 1 ? Answer.status(500) : Answer.ok());
             var worker = WebhookWorkers.start(clock)) {
            Tenant tenant = Tenants.register();
            var endpoint = Webhooks.endpoint(tenant, receiver.url("/flaky"), "rental.*");
            emit(tenant, "rental.updated", Map.of("rental_id", 1));

            awaitDelivery(tenant, endpoint.id(), "first attempt", d -> d.get("attempt_count").asInt() == 1);
            JsonNode pending = onlyDelivery(tenant, endpoint.id());
            assertThat(pending.get("status").asText()).isEqualTo("pending");
            assertThat(pending.get("last_status_code").asInt()).isEqualTo(500);
            Instant attempted = Instant.parse(pending.get("last_attempt_at").asText());
            Duration wait = Duration.between(attempted, Instant.parse(pending.get("next_attempt_at").asText()));
            assertThat(wait).as("5 s ± 20 %").isBetween(Duration.ofMillis(4000), Duration.ofMillis(6000));

            Thread.sleep(300);
            assertThat(receiver.received("/flaky")).as("nothing before it is due").hasSize(1);
            clock.advance(Duration.ofSeconds(6));
            awaitDelivery(tenant, endpoint.id(), "second attempt succeeded", d -> d.get("status").asText().equals("succeeded"));
            JsonNode done = onlyDelivery(tenant, endpoint.id());
            assertThat(list(done.get("attempts")).stream().map(a -> a.get("status_code").asInt())).containsExactly(500, 200);
            assertThat(receiver.received("/flaky").stream().map(r -> r.header("webhook-id")).distinct()).hasSize(1);
        }
    }

    @Test
    void aResponseWithNulBytesOrPastFourKilobytesIsLoggedAndRetriedOnSchedule() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        String large = "x".repeat(3000) + "\u0000" + "y".repeat(3000);
        try (Receiver receiver = new Receiver()
                .answer("/nul", r -> new Answer(500, Map.of(), "broken\u0000body\u0000", false))
                .answer("/large", r -> new Answer(500, Map.of(), large, false));
             var worker = WebhookWorkers.start(clock)) {
            Tenant tenant = Tenants.register();
            Map<String, Long> endpoints = Map.of(
                    "/nul", Webhooks.endpoint(tenant, receiver.url("/nul"), "rental.*").id(),
                    "/large", Webhooks.endpoint(tenant, receiver.url("/large"), "rental.*").id());
            Map<String, String> excerpts = Map.of("/nul", "broken\uFFFDbody\uFFFD",
                    "/large", "x".repeat(3000) + "\uFFFD" + "y".repeat(1095));
            emit(tenant, "rental.created", Map.of("n", 1));

            for (int attempt = 1; attempt <= 2; attempt++) {
                int made = attempt;
                for (var entry : endpoints.entrySet()) {
                    awaitDelivery(tenant, entry.getValue(), entry.getKey() + " attempt " + made + " recorded",
                            d -> d.get("attempt_count").asInt() == made);
                    JsonNode d = onlyDelivery(tenant, entry.getValue());
                    assertThat(d.get("status").asText()).isEqualTo("pending");
                    assertThat(d.get("last_status_code").asInt()).isEqualTo(500);
                    Duration wait = Duration.between(Instant.parse(d.get("last_attempt_at").asText()),
                            Instant.parse(d.get("next_attempt_at").asText()));
                    Duration step = made == 1 ? Duration.ofSeconds(5) : Duration.ofMinutes(5);
                    assertThat(wait).as(entry.getKey() + ": the schedule's step ± 20 %")
                            .isBetween(step.multipliedBy(8).dividedBy(10), step.multipliedBy(12).dividedBy(10));
                    JsonNode last = d.get("attempts").get(made - 1);
                    assertThat(last.get("status_code").asInt()).isEqualTo(500);
                    assertThat(last.get("response_body").asText()).as(entry.getKey()).isEqualTo(excerpts.get(entry.getKey()));
                }
                Thread.sleep(300);
                for (String path : endpoints.keySet()) {
                    assertThat(receiver.received(path)).as(path + ": sent once per scheduled attempt").hasSize(made);
                }
                clock.advance(Duration.ofSeconds(7)); // past the first step and past a claim's lease
            }
        }
    }

    @Test
    void retryAfterIsHonouredWithinOneAndTwoScheduleSteps() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (Receiver receiver = new Receiver()
                .answer("/slow-down", r -> new Answer(429, Map.of("Retry-After", "3600"), "", false))
                .answer("/busy", r -> new Answer(503, Map.of("Retry-After", "7"), "", false))
                .answer("/eager", r -> new Answer(429, Map.of("Retry-After", "1"), "", false));
             var worker = WebhookWorkers.start(clock)) {
            Tenant tenant = Tenants.register();
            Map<String, Duration> expected = Map.of("/slow-down", Duration.ofSeconds(10), "/busy", Duration.ofSeconds(7),
                    "/eager", Duration.ofSeconds(5));
            Map<String, Long> endpoints = new java.util.HashMap<>();
            expected.keySet().forEach(path -> endpoints.put(path, Webhooks.endpoint(tenant, receiver.url(path), "rental.*").id()));
            emit(tenant, "rental.created", Map.of("rental_id", 3));
            for (var entry : expected.entrySet()) {
                long id = endpoints.get(entry.getKey());
                awaitDelivery(tenant, id, entry.getKey(), d -> d.get("attempt_count").asInt() == 1);
                JsonNode d = onlyDelivery(tenant, id);
                assertThat(Duration.between(Instant.parse(d.get("last_attempt_at").asText()),
                        Instant.parse(d.get("next_attempt_at").asText()))).as(entry.getKey()).isEqualTo(entry.getValue());
            }
        }
    }

    @Test
    void goneDisablesTheEndpointAtOnceAndTellsTheOrganization() throws Exception {
        try (Receiver receiver = new Receiver().answer("/gone", r -> Answer.status(410));
             var worker = WebhookWorkers.start(Clock.systemUTC())) {
            Tenant tenant = Tenants.register();
            var endpoint = Webhooks.endpoint(tenant, receiver.url("/gone"), "rental.*");
            var other = Webhooks.endpoint(tenant, receiver.url("/other"), "endpoint.disabled");
            emit(tenant, "rental.created", Map.of("rental_id", 9));

            awaitDelivery(tenant, endpoint.id(), "failed", d -> d.get("status").asText().equals("failed"));
            JsonNode ep = TestApp.api().get("/v1/webhook_endpoints/" + endpoint.id(), tenant.accessToken()).json();
            assertThat(ep.get("enabled").asBoolean()).isFalse();
            assertThat(ep.get("disabled_reason").asText()).isEqualTo("gone");
            assertThat(receiver.received("/gone")).hasSize(1);

            JsonNode events = TestApp.api().get("/v1/events?type=endpoint.disabled", tenant.accessToken()).json().get("data");
            assertThat(events).hasSize(1);
            assertThat(events.get(0).get("data").get("id").asLong()).isEqualTo(endpoint.id());
            Receiver.await(WAIT, () -> receiver.received("/other").size() == 1, "other endpoints hear of it");
            assertThat(receiver.received("/other").get(0).body()).contains("\"endpoint.disabled\"");
            List<String> mailTo = TestApp.jdbi().withHandle(h -> h.createQuery(
                    "SELECT recipient FROM mail_outbox WHERE org_id = :org AND template = 'webhook-endpoint-disabled'")
                    .bind("org", tenant.orgId()).mapTo(String.class).list());
            assertThat(mailTo).containsExactly(tenant.email());
            MimeMessage mail = MAILBOX.only(tenant.email(), "Webhook endpoint disabled");
            assertThat(Mailbox.subject(mail)).isEqualTo("Webhook endpoint disabled: " + receiver.url("/gone"));
            assertThat(Mailbox.part(mail, "text/plain"))
                    .contains("We have disabled the webhook endpoint " + receiver.url("/gone") + " (id " + endpoint.id()
                            + ") because it answered 410 Gone.")
                    .contains("PATCH /v1/webhook_endpoints/" + endpoint.id() + " {\"enabled\": true}")
                    .contains("POST /v1/webhook_endpoints/" + endpoint.id() + "/recover?since=");
            assertThat(Mailbox.part(mail, "text/html")).contains("<code>" + receiver.url("/gone") + "</code> (id "
                    + endpoint.id() + ") because it answered 410 Gone.");

            emit(tenant, "rental.created", Map.of("rental_id", 10));
            Thread.sleep(500);
            assertThat(receiver.received("/gone")).as("a disabled endpoint gets nothing").hasSize(1);
            ApiClient.ApiResponse resend = TestApp.api().call("POST", "/v1/webhook_deliveries/"
                    + onlyDelivery(tenant, endpoint.id()).get("id").asLong() + "/resend").token(tenant.accessToken()).send();
            assertThat(resend.status()).isEqualTo(409);
            assertThat(resend.code()).isEqualTo("webhook_endpoint_disabled");
        }
    }

    @Test
    void anEndpointFailingForFiveDaysIsDisabled() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (Receiver receiver = new Receiver().answer("/broken", r -> Answer.status(500));
             var worker = WebhookWorkers.start(clock)) {
            Tenant tenant = Tenants.register();
            var endpoint = Webhooks.endpoint(tenant, receiver.url("/broken"), "rental.*");
            emit(tenant, "rental.created", Map.of("n", 1));
            Receiver.await(WAIT, () -> receiver.received("/broken").size() == 1, "first failure");

            clock.advance(Duration.ofDays(4));
            emit(tenant, "rental.created", Map.of("n", 2));
            Receiver.await(WAIT, () -> receiver.received("/broken").size() >= 3, "failures on day 4");
            Thread.sleep(300);
            assertThat(TestApp.api().get("/v1/webhook_endpoints/" + endpoint.id(), tenant.accessToken()).json()
                    .get("enabled").asBoolean()).as("four days of failure are not enough").isTrue();

            clock.advance(Duration.ofDays(1).plusMinutes(1));
            emit(tenant, "rental.created", Map.of("n", 3));
            Receiver.await(WAIT, () -> !TestApp.api().get("/v1/webhook_endpoints/" + endpoint.id(), tenant.accessToken())
                    .json().get("enabled").asBoolean(), "disabled after five days");
            JsonNode ep = TestApp.api().get("/v1/webhook_endpoints/" + endpoint.id(), tenant.accessToken()).json();
            assertThat(ep.get("disabled_reason").asText()).isEqualTo("failing");
            assertThat(TestApp.api().get("/v1/events?type=endpoint.disabled", tenant.accessToken()).json().get("data")).hasSize(1);
        }
    }

    @Test
    void aHangingEndpointOpensItsBreakerWithoutSlowingTheOthers() throws Exception {
        try (Receiver receiver = new Receiver().answer("/dead", r -> Answer.hang());
             var worker = WebhookWorkers.start(Clock.systemUTC())) {
            Tenant tenant = Tenants.register();
            var dead = Webhooks.endpoint(tenant, receiver.url("/dead"), "rental.*");
            var live = Webhooks.endpoint(tenant, receiver.url("/live"), "rental.*");
            List<Long> latencies = latencies(tenant, "rental.created", 60, Duration.ofMillis(25), receiver, "/live");
            assertThat(latencies.get(latencies.size() - 1)).as("slowest live delivery (ms) while /dead hangs; all: " + latencies)
                    .isLessThan(1000);

            Receiver.await(WAIT, () -> worker.engine().breakerState(dead.id()).orElse(null) == CircuitBreaker.State.OPEN,
                    "the dead endpoint's breaker opens");
            awaitDelivery(tenant, dead.id(), "all dead deliveries handled", d -> d.get("status").asText().equals("pending")
                    && d.get("last_error").isTextual());
            List<JsonNode> deadDeliveries = list(deliveries(tenant, dead.id()));
            assertThat(deadDeliveries).hasSize(60);
            assertThat(deadDeliveries).anyMatch(d -> d.get("last_error").asText().contains("timed out"));
            assertThat(deadDeliveries).as("rescheduled without a request while the breaker is open")
                    .anyMatch(d -> d.get("last_error").asText().contains("circuit breaker") && d.get("attempt_count").asInt() == 0);
            assertThat(receiver.received("/dead").size()).as("requests that reached the dead endpoint").isLessThan(60);
        }
    }

    @Test
    void hangingEndpointsWithBacklogsLargerThanAClaimDoNotHoldUpAHealthyOne() throws Exception {
        Duration requestTimeout = Duration.ofSeconds(10);
        WebhookSettings settings = WebhookWorkers.settings(List.of("127.0.0.1/32"), 5, requestTimeout);
        int backlog = settings.claimBatch() + 100;
        try (var worker = WebhookWorkers.start(Clock.systemUTC(), settings);
             Receiver dead = new Receiver(); Receiver live = new Receiver()) {
            Tenant tenant = Tenants.register();
            Webhooks.endpoint(tenant, live.url("/live"), "test.live");
            Outbox outbox = new Outbox(ApiJson.newMapper(), Clock.systemUTC());
            List<Long> deadEndpoints = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String path = "/dead" + i;
                String type = "test.backlog" + i;
                dead.answer(path, r -> Answer.hang());
                deadEndpoints.add(Webhooks.endpoint(tenant, dead.url(path), type).id());
                WebhookWorkers.jdbi().useTransaction(h -> {
                    for (int n = 0; n < backlog; n++) {
                        outbox.append(h, tenant.orgId(), type, Map.of("n", n));
                    }
                });
                // one backlog after the other: the oldest due deliveries, a whole claim of them, are one endpoint's
                Receiver.await(WAIT, () -> !dead.received(path).isEmpty(), path + " is being sent to");
            }

            List<Long> latencies = latencies(tenant, "test.live", 20, Duration.ofMillis(50), live, "/live");
            assertThat(latencies.get(latencies.size() - 1))
                    .as("slowest live delivery (ms) while four endpoints hang for %s; all: %s", requestTimeout, latencies)
                    .isLessThan(2000);
            assertThat(dead.received()).as("requests that reached the hanging endpoints").isNotEmpty();

            for (long id : deadEndpoints) { // their backlogs would otherwise weigh on the tests after this one
                assertThat(TestApp.api().delete("/v1/webhook_endpoints/" + id, tenant.accessToken()).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void anEndpointsRateLimitSpacesItsDeliveries() throws Exception {
        try (Receiver receiver = new Receiver(); var worker = WebhookWorkers.start(Clock.systemUTC())) {
            Tenant tenant = Tenants.register();
            ApiClient.ApiResponse created = TestApp.api().post("/v1/webhook_endpoints", tenant.accessToken(), ApiClient.object(
                    "url", receiver.url("/limited"), "event_types", List.of("rental.*"), "rate_limit", 10));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            Outbox outbox = new Outbox(ApiJson.newMapper(), Clock.systemUTC());
            WebhookWorkers.jdbi().useTransaction(h -> {
                for (int i = 0; i < 21; i++) {
                    outbox.append(h, tenant.orgId(), "rental.created", Map.of("n", i));
                }
            });
            Receiver.await(WAIT, () -> receiver.received("/limited").size() == 21, "all delivered");
            List<Received> got = receiver.received("/limited");
            Duration spread = Duration.between(got.get(0).at(), got.get(got.size() - 1).at());
            assertThat(spread).as("21 deliveries at 10 per second").isGreaterThanOrEqualTo(Duration.ofMillis(1500)); // 2 s of slots, less the first connection's set-up
        }
    }

    @Test
    void privateAddressesAreRefusedAtConnectTimeUnlessAllowListed() throws Exception {
        WebhookSettings production = WebhookWorkers.settings(List.of(), 5);
        try (Receiver receiver = new Receiver(); var worker = WebhookWorkers.start(Clock.systemUTC(), production)) {
            Tenant tenant = Tenants.register();
            var loopback = Webhooks.endpoint(tenant, receiver.url("/internal"), "rental.*");
            var byName = Webhooks.endpoint(tenant, receiver.url("/internal").replace("127.0.0.1", "localhost"), "rental.*");
            emit(tenant, "rental.created", Map.of("n", 1));
            for (long id : List.of(loopback.id(), byName.id())) {
                awaitDelivery(tenant, id, "refused attempt", d -> d.get("attempt_count").asInt() == 1);
                JsonNode attempt = onlyDelivery(tenant, id).get("attempts").get(0);
                assertThat(attempt.get("status_code").isNull()).isTrue();
                assertThat(attempt.get("error").asText()).contains("refused").contains("127.0.0.1");
            }
            assertThat(receiver.received()).as("nothing reached the internal address").isEmpty();
        }
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        try (Receiver receiver = new Receiver(); var worker = WebhookWorkers.start(Clock.systemUTC())) {
            receiver.answer("/moved", r -> new Answer(302, Map.of("Location", receiver.url("/target")), "", false));
            Tenant tenant = Tenants.register();
            var endpoint = Webhooks.endpoint(tenant, receiver.url("/moved"), "rental.*");
            emit(tenant, "rental.created", Map.of("n", 1));
            awaitDelivery(tenant, endpoint.id(), "attempt", d -> d.get("attempt_count").asInt() == 1);
            JsonNode d = onlyDelivery(tenant, endpoint.id());
            assertThat(d.get("status").asText()).isEqualTo("pending");
            assertThat(d.get("last_status_code").asInt()).isEqualTo(302);
            assertThat(receiver.received("/target")).isEmpty();
        }
    }

    @Test
    void exhaustedDeliveriesFailAndAreRecoveredOrResent() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean(false);
        // the breaker runs on real time and would hold retries that this test's clock makes due at once
        WebhookSettings noBreaker = WebhookWorkers.settings(List.of("127.0.0.1/32"), 1000);
        try (Receiver receiver = new Receiver().answer("/down", r -> up.get() ? Answer.ok() : Answer.status(500));
             var worker = WebhookWorkers.start(clock, noBreaker)) {
            Tenant tenant = Tenants.register();
            var endpoint = Webhooks.endpoint(tenant, receiver.url("/down"), "rental.*");
            Instant before = Instant.now().minusSeconds(1);
            emit(tenant, "rental.created", Map.of("n", 1));
            emit(tenant, "rental.created", Map.of("n", 2));
            for (int attempt = 1; attempt <= 8; attempt++) {
                int made = attempt;
                awaitDelivery(tenant, endpoint.id(), "attempt " + made, d -> d.get("attempt_count").asInt() == made);
                clock.advance(Duration.ofHours(13)); // past the longest step with its jitter
            }
            awaitDelivery(tenant, endpoint.id(), "failed after the schedule", d -> d.get("status").asText().equals("failed"));
            assertThat(receiver.received("/down")).hasSize(16);

            up.set(true);
            ApiClient.ApiResponse missing = TestApp.api().call("POST", "/v1/webhook_endpoints/" + endpoint.id() + "/recover")
                    .token(tenant.accessToken()).send();
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.code()).isEqualTo("invalid_parameter");
            ApiClient.ApiResponse recovered = TestApp.api().call("POST", "/v1/webhook_endpoints/" + endpoint.id()
                    + "/recover?since=" + before).token(tenant.accessToken()).send();
            assertThat(recovered.status()).as(recovered.toString()).isEqualTo(202);
            assertThat(recovered.json().get("recovered").asInt()).isEqualTo(2);
            awaitDelivery(tenant, endpoint.id(), "recovered", d -> d.get("status").asText().equals("succeeded"));
            assertThat(list(deliveries(tenant, endpoint.id())).get(0).get("attempts")).hasSize(9);

            long id = list(deliveries(tenant, endpoint.id())).get(0).get("id").asLong();
            String webhookId = list(deliveries(tenant, endpoint.id())).get(0).get("webhook_id").asText();
            ApiClient.ApiResponse resent = TestApp.api().call("POST", "/v1/webhook_deliveries/" + id + "/resend")
                    .token(tenant.accessToken()).send();
            assertThat(resent.status()).as(resent.toString()).isEqualTo(202);
            Receiver.await(WAIT, () -> receiver.received("/down").size() == 19, "resent");
            assertThat(receiver.received("/down").get(18).header("webhook-id")).isEqualTo(webhookId);
        }
    }

    @Test
    void twoWorkersNeverClaimTheSameDelivery() throws Exception {
        try (Receiver receiver = new Receiver();
             var first = WebhookWorkers.start(Clock.systemUTC());
             var second = WebhookWorkers.start(Clock.systemUTC())) {
            Tenant tenant = Tenants.register();
            Webhooks.endpoint(tenant, receiver.url("/a"), "rental.*");
            Webhooks.endpoint(tenant, receiver.url("/b"), "rental.*");
            Outbox outbox = new Outbox(ApiJson.newMapper(), Clock.systemUTC());
            int events = 1500;
            WebhookWorkers.jdbi().useTransaction(h -> {
                for (int i = 0; i < events; i++) {
                    outbox.append(h, tenant.orgId(), "rental.created", Map.of("n", i));
                }
            });
            Receiver.await(Duration.ofSeconds(40), () -> receiver.received().size() >= 2 * events, "every delivery");
            Thread.sleep(300);
            for (String path : List.of("/a", "/b")) {
                List<String> ids = receiver.received(path).stream().map(r -> r.header("webhook-id")).toList();
                assertThat(ids).as(path).hasSize(events).doesNotHaveDuplicates();
            }
            assertThat(first.metrics().meter("webhooks.deliveries.succeeded").getCount()).as("both workers delivered").isPositive();
            assertThat(second.metrics().meter("webhooks.deliveries.succeeded").getCount()).isPositive();
        }
    }

    @Test
    void stoppingFinishesOrHandsBackEveryClaim() throws Exception {
        Receiver receiver = new Receiver().answer("/slow", r -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answer.ok();
        });
        try (receiver) {
            Tenant tenant = Tenants.register();
            var endpoint = Webhooks.endpoint(tenant, receiver.url("/slow"), "rental.*");
            Outbox outbox = new Outbox(ApiJson.newMapper(), Clock.systemUTC());
            WebhookWorkers.jdbi().useTransaction(h -> {
                for (int i = 0; i < 100; i++) {
                    outbox.append(h, tenant.orgId(), "rental.created", Map.of("n", i));
                }
            });
            var worker = WebhookWorkers.start(Clock.systemUTC());
            Receiver.await(WAIT, () -> receiver.received("/slow").size() >= 5, "deliveries under way");
            assertThat(worker.engine().problem()).as("the worker's health while it delivers").isEmpty();
            worker.close();
            Instant stopped = Instant.now();
            assertThat(worker.engine().inFlight()).isZero();
            assertThat(worker.engine().problem()).as("the worker's health once stopped").contains("webhook delivery is not running");
            List<JsonNode> all = list(deliveries(tenant, endpoint.id()));
            assertThat(all).hasSize(100);
            assertThat(all).allSatisfy(d -> {
                if (d.get("status").asText().equals("pending")) {
                    assertThat(Instant.parse(d.get("next_attempt_at").asText())).as("handed back, not held").isBefore(stopped);
                } else {
                    assertThat(d.get("status").asText()).isEqualTo("succeeded");
                }
            });
            assertThat(all).anyMatch(d -> d.get("status").asText().equals("succeeded"));
        }
    }
}
