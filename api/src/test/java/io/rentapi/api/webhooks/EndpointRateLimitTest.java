package io.rentapi.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.rentapi.api.http.ApiJson;
import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.Receiver;
import io.rentapi.api.support.Receiver.Received;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.WebhookWorkers;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.webhooks.delivery.RateGate;
import io.rentapi.webhooks.delivery.WebhookSettings;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/** An endpoint's rate limit holds for the whole fleet of workers when they share Redis. */
@ExtendWith(TestApp.class)
class EndpointRateLimitTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int PER_SECOND = 20;
    private static final int EVENTS = 41;

    @Test
    void twoWorkersSharingRedisKeepOneSchedulePerEndpoint() throws Exception {
        // small claims, so that both workers take part
        WebhookSettings base = WebhookWorkers.settings();
        WebhookSettings settings = new WebhookSettings(base.requestTimeout(), base.connectTimeout(), base.claimLease(), 4,
                base.maxInFlight(), base.endpointConcurrency(), base.pollInterval(), base.allowedAddresses(),
                base.breakerOpenFor(), base.breakerMinimumCalls(), base.breakerFailureRate(), base.disableAfter(),
                base.shutdownGrace());
        String prefix = "test-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ":";
        try (RedisClient redis = RedisClient.create("127.0.0.1", 6379); Receiver receiver = new Receiver();
             var first = WebhookWorkers.start(Clock.systemUTC(), settings, gate(redis, prefix));
             var second = WebhookWorkers.start(Clock.systemUTC(), settings, gate(redis, prefix))) {
            Tenant tenant = Tenants.register();
            ApiClient.ApiResponse created = TestApp.api().post("/v1/webhook_endpoints", tenant.accessToken(), ApiClient.object(
                    "url", receiver.url("/limited"), "event_types", List.of("rental.*"), "rate_limit", PER_SECOND));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            Outbox outbox = new Outbox(ApiJson.newMapper(), Clock.systemUTC());
            WebhookWorkers.jdbi().useTransaction(h -> {
                for (int i = 0; i < EVENTS; i++) {
                    outbox.append(h, tenant.orgId(), "rental.created", Map.of("n", i));
                }
            });
            Receiver.await(WAIT, () -> receiver.received("/limited").size() >= EVENTS, "all delivered");

            assertThat(delivered(first)).as("deliveries made by the first worker").isPositive();
            assertThat(delivered(second)).as("deliveries made by the second worker").isPositive();
            List<Received> got = receiver.received("/limited");
            // 41 requests at 20 per second take 2 s of slots; each worker on its own schedule would take 1 s
            Duration spread = Duration.between(got.get(0).at(), got.get(got.size() - 1).at());
            assertThat(spread).as("%d deliveries at %d per second across two workers", EVENTS, PER_SECOND)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1500)); // less the first connection's set-up
        }
    }

    @Test
    void withRedisDownEachWorkerKeepsItsOwnSchedule() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MetricRegistry metrics = new MetricRegistry();
        try (RedisClient unreachable = RedisClient.create("127.0.0.1", closedPort)) {
            RateGate gate = new RedisRateGate(unreachable, "test:", RateGate.local(), Clock.systemUTC(), metrics);
            assertThat(gate.reserve(7, 10)).as("first request at once").isZero();
            long wait = gate.reserve(7, 10);
            assertThat(wait).as("the next slot, a tenth of a second later, from the worker's own schedule")
                    .isBetween(Duration.ofMillis(50).toNanos(), Duration.ofMillis(100).toNanos());
            assertThat(gate.reserve(8, 10)).as("another endpoint has its own schedule").isZero();
        }
        assertThat(metrics.meter("io.rentapi.webhooks.rate-gate.redis-failures").getCount()).isEqualTo(1);
    }

    private static RateGate gate(RedisClient redis, String prefix) {
        return new RedisRateGate(redis, prefix, RateGate.local(), Clock.systemUTC(), new MetricRegistry());
    }

    private static long delivered(WebhookWorkers.Running worker) {
        return worker.metrics().meter("webhooks.deliveries.succeeded").getCount();
    }
}
