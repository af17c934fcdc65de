package io.rentapi.api.webhooks;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import io.rentapi.webhooks.delivery.RateGate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Endpoint schedules in Redis, so that every worker books its requests in the same schedule and an
 * endpoint's rate limit holds however many workers run. One script call per request to a limited
 * endpoint, timed by Redis's own clock. While Redis fails, each worker keeps its own schedule (the
 * limit then applies per worker) and tries Redis again after a pause.
 */
public final class RedisRateGate implements RateGate {
    private static final Logger LOG = LoggerFactory.getLogger(RedisRateGate.class);
    private static final Duration RETRY_REDIS_AFTER = Duration.ofSeconds(10);

    /**
     * KEYS[1] the endpoint's next free slot (microseconds, Redis time); ARGV[1] the interval between
     * requests in microseconds. Answers the microseconds until the slot it booked.
     */
    private static final String RESERVE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local interval = tonumber(ARGV[1])
            local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
            local booked = slot + interval - now
            redis.call('SET', KEYS[1], string.format('%d', slot + interval), 'PX', math.floor(booked / 1000) + 1000)
            return slot - now
            """;

    private final UnifiedJedis redis;
    private final String keyPrefix;
    private final RateGate fallback;
    private final Clock clock;
    private final Meter failures;
    private volatile Instant redisDownUntil = Instant.MIN;

    public RedisRateGate(UnifiedJedis redis, String keyPrefix, RateGate fallback, Clock clock, MetricRegistry metrics) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.fallback = fallback;
        this.clock = clock;
        this.failures = metrics.meter("io.rentapi.webhooks.rate-gate.redis-failures");
    }

    @Override
    public long reserve(long endpointId, int perSecond) {
        if (clock.instant().isAfter(redisDownUntil)) {
            try {
                Object micros = redis.eval(RESERVE, List.of(keyPrefix + "webhooks:rate:" + endpointId),
                        List.of(Long.toString(1_000_000L / perSecond)));
                return ((Long) micros) * 1000;
            } catch (RuntimeException e) {
                failures.mark();
                LOG.warn("Redis failed; webhook endpoint rate limits apply per worker for {}: {}", RETRY_REDIS_AFTER,
                        e.toString());
                redisDownUntil = clock.instant().plus(RETRY_REDIS_AFTER);
            }
        }
        return fallback.reserve(endpointId, perSecond);
    }
}
