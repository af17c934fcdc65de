package io.rentapi.api.quota;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import io.rentapi.api.config.QuotaConfig;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Token buckets with three windows (burst per second, per hour, per day), one per subject (an API
 * key, or a person in an organization). In Redis when configured, so that every API instance
 * shares them; in process otherwise, and, by the fail-open policy, while Redis is failing.
 */
public final class QuotaService {
    private static final Logger LOG = LoggerFactory.getLogger(QuotaService.class);
    private static final String[] WINDOWS = {"second", "hour", "day"};
    private static final long[] WINDOW_SECONDS = {1, 3600, 86400};
    private static final int MAX_CAS_RETRIES = 8;

    private final Optional<ProxyManager<byte[]>> redis;
    /** In-process buckets by subject and limits: a plan change starts a bucket of the new size at once. */
    private record LocalKey(String subject, QuotaLimits limits) {
    }

    private final Cache<LocalKey, Bucket> local = Caffeine.newBuilder().maximumSize(500_000)
            .expireAfterAccess(Duration.ofDays(1)).build();
    /*
     * One proxy per shared bucket, kept: its batching folds the requests that arrive for one key
     * while a compare-and-swap is in flight into the next one, instead of each racing on its own.
     */
    private final Cache<String, Bucket> sharedProxies = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();
    private final QuotaConfig.RedisFailurePolicy failurePolicy;
    private final Duration retryRedisAfter;
    private final Clock clock;
    private final Meter redisFailures;
    private volatile Instant redisDownUntil = Instant.MIN;

    private final String keyPrefix;

    public QuotaService(Optional<UnifiedJedis> jedis, String keyPrefix, QuotaConfig config, Clock clock,
                        MetricRegistry metrics) {
        this.keyPrefix = keyPrefix;
        this.redis = jedis.map(j -> Bucket4jJedis.casBasedBuilder(j)
                // a bucket's state lives only until it would be full again, plus a margin
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                // many instances updating one hot key's state race on compare-and-swap: bounded retries with jitter
                .retryStrategy(meta -> {
                    if (meta.getAttemptNumber() >= MAX_CAS_RETRIES) {
                        return false;
                    }
                    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50_000, 500_000L * meta.getAttemptNumber() + 1));
                    return true;
                })
                .build());
        this.failurePolicy = config.getRedisFailurePolicy();
        this.retryRedisAfter = config.getRedisRetryAfter().toJavaDuration();
        this.clock = clock;
        this.redisFailures = metrics.meter("io.rentapi.quota.redis-failures");
        metrics.gauge("io.rentapi.quota.shared", () -> () -> usingRedis() ? 1 : 0);
    }

    /** Takes one request from the subject's bucket for these limits. */
    public QuotaDecision consume(String subject, QuotaLimits limits) {
        if (usingRedis()) {
            // the limits are part of the key: a plan change starts a bucket of the new size at once
            String key = keyPrefix + "quota:" + subject + ":" + limits.fingerprint();
            try {
                Bucket shared = sharedProxies.get(key, k -> redis.get().builder()
                        .withOptimization(Optimizations.batching())
                        .build(k.getBytes(StandardCharsets.UTF_8), () -> configuration(limits)));
                return decide(limits, shared.asVerbose().tryConsumeAndReturnRemaining(1));
            } catch (RuntimeException e) {
                redisDown(e);
            }
        }
        Bucket bucket = local.get(new LocalKey(subject, limits), k -> Bucket.builder().addLimit(l -> bandwidth(l, limits, 0))
                .addLimit(l -> bandwidth(l, limits, 1)).addLimit(l -> bandwidth(l, limits, 2)).build());
        return decide(limits, bucket.asVerbose().tryConsumeAndReturnRemaining(1));
    }

    public boolean usingRedis() {
        return redis.isPresent() && clock.instant().isAfter(redisDownUntil);
    }

    private void redisDown(RuntimeException e) {
        redisFailures.mark();
        if (failurePolicy == QuotaConfig.RedisFailurePolicy.CLOSED) {
            LOG.error("Redis failed and the quota policy is fail-closed: refusing requests: {}", e.toString());
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Quotas cannot be checked right now; retry shortly.");
        }
        if (usingRedis()) {
            LOG.warn("Redis failed; quotas fall back to in-process buckets for {}: {}", retryRedisAfter, e.toString());
        }
        redisDownUntil = clock.instant().plus(retryRedisAfter);
    }

    private static BucketConfiguration configuration(QuotaLimits limits) {
        return BucketConfiguration.builder()
                .addLimit(l -> bandwidth(l, limits, 0))
                .addLimit(l -> bandwidth(l, limits, 1))
                .addLimit(l -> bandwidth(l, limits, 2))
                .build();
    }

    private static io.github.bucket4j.BandwidthBuilder.BandwidthBuilderBuildStage bandwidth(
            io.github.bucket4j.BandwidthBuilder.BandwidthBuilderCapacityStage builder, QuotaLimits limits, int window) {
        long capacity = capacity(limits, window);
        return builder.capacity(capacity).refillGreedy(capacity, Duration.ofSeconds(WINDOW_SECONDS[window])).id(WINDOWS[window]);
    }

    private static long capacity(QuotaLimits limits, int window) {
        return switch (window) {
            case 0 -> limits.burstPerSecond();
            case 1 -> limits.requestsPerHour();
            default -> limits.requestsPerDay();
        };
    }

    private static QuotaDecision decide(QuotaLimits limits, VerboseResult<ConsumptionProbe> result) {
        ConsumptionProbe probe = result.getValue();
        long[] remaining = result.getDiagnostics().getAvailableTokensPerEachBandwidth();
        // report the window with the fewest requests left; on a tie, the longer one
        int binding = 0;
        for (int w = 1; w < WINDOWS.length; w++) {
            if (remaining[w] <= remaining[binding]) {
                binding = w;
            }
        }
        long capacity = capacity(limits, binding);
        long left = Math.max(0, remaining[binding]);
        long reset = (long) Math.ceil((double) (capacity - left) * WINDOW_SECONDS[binding] / capacity);
        long retryAfter = probe.isConsumed() ? 0 : Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1e9));
        return new QuotaDecision(probe.isConsumed(), limits, WINDOWS[binding], capacity, left, reset, retryAfter);
    }
}
