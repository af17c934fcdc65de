package io.rentapi.api.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.codahale.metrics.MetricRegistry;
import io.rentapi.api.config.QuotaConfig;
import io.rentapi.api.redis.RedisClients;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Connection;
import redis.clients.jedis.RedisClient;

/** The quota service on the machine's Redis, as API instances of their own, without the HTTP layer. */
class QuotaServiceTest {
    private static final URI REDIS = URI.create(Optional.ofNullable(System.getenv("REDIS_URL")).orElse("redis://127.0.0.1:6379"));
    private static final QuotaLimits LIMITS = new QuotaLimits(1_000_000L, 1_000_000L, 1_000_000L);

    private final String prefix = "rentapi-test-quota-service:" + UUID.randomUUID() + ":";
    private final List<RedisClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(RedisClient::close);
    }

    @Test
    void aContendedKeyIsDecidedOnItsOwnAndTheInstanceStaysOnRedis() throws Exception {
        List<QuotaService> instances = new ArrayList<>();
        List<MetricRegistry> metrics = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            MetricRegistry registry = new MetricRegistry();
            metrics.add(registry);
            // one compare-and-swap attempt only: a conflict on the hot key uses the retries up at once
            instances.add(new QuotaService(Optional.of(client(64, Duration.ofMillis(100))), prefix, new QuotaConfig(),
                    Clock.systemUTC(), registry, 1));
        }
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> hammers = new ArrayList<>();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            for (int t = 0; t < 16; t++) {
                QuotaService instance = instances.get(t % instances.size());
                hammers.add(threads.submit(() -> {
                    while (System.nanoTime() < until && contended(metrics) == 0) {
                        assertThat(instance.consume("k:hot", LIMITS).allowed()).isTrue();
                    }
                    return null;
                }));
            }
            for (Future<?> hammer : hammers) {
                hammer.get();
            }
        } finally {
            threads.shutdownNow();
        }

        for (int i = 0; i < instances.size(); i++) {
            assertThat(metrics.get(i).meter("io.rentapi.quota.redis-failures").getCount()).as("no Redis failure counted").isZero();
            assertThat(instances.get(i).usingRedis()).as("instance %d still on Redis", i).isTrue();
            instances.get(i).consume("k:quiet-" + i, LIMITS);
            assertThat(bucketExists("k:quiet-" + i)).as("another key's bucket goes to Redis").isTrue();
        }
        assertThat(contended(metrics)).as("the retries ran out on the hot key, and that was counted").isPositive();
    }

    @Test
    void withEveryConnectionBusyARequestWaitsBrieflyAndIsDecidedByTheFailurePolicy() throws Exception {
        RedisClient client = client(1, Duration.ofMillis(100));
        MetricRegistry metrics = new MetricRegistry();
        QuotaService quotas = new QuotaService(Optional.of(client), prefix, new QuotaConfig(), Clock.systemUTC(), metrics);

        try (Connection busy = client.getPool().getResource()) {
            QuotaDecision decision = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> quotas.consume("k:waiting", LIMITS));
            assertThat(decision.allowed()).as("fail-open: served from the in-process bucket").isTrue();
        }
        assertThat(metrics.meter("io.rentapi.quota.redis-pool-exhausted").getCount()).isEqualTo(1);
        assertThat(quotas.usingRedis()).as("one busy pool does not take the instance off Redis").isTrue();
        quotas.consume("k:waiting", LIMITS);
        assertThat(bucketExists("k:waiting")).isTrue();
    }

    private RedisClient client(int poolSize, Duration poolMaxWait) {
        RedisClient client = RedisClients.create(REDIS, poolSize, poolMaxWait);
        clients.add(client);
        return client;
    }

    private static long contended(List<MetricRegistry> metrics) {
        return metrics.stream().mapToLong(m -> m.meter("io.rentapi.quota.redis-contended").getCount()).sum();
    }

    private boolean bucketExists(String subject) {
        try (RedisClient probe = RedisClients.create(REDIS, 1, Duration.ofSeconds(1))) {
            return probe.exists(prefix + "quota:" + subject);
        }
    }
}
