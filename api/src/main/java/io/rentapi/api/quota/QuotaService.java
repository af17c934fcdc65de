package io.rentapi.api.quota;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import io.rentapi.api.config.QuotaConfig;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
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
 *
 * <p>A bucket belongs to its subject, not to its limits: when a plan or a key's own limit changes,
 * the bucket is reconfigured and keeps what was used. {@link TokensInheritanceStrategy#PROPORTIONALLY}
 * carries the share of each window already used: a downgrade followed by an upgrade (or the other
 * way round) ends exactly where it started, neither refilling the day (as starting afresh, or
 * ADDITIVE, would) nor taking requests away (as AS_IS would from an upgrade). That symmetry also
 * makes the short back and forth harmless while instances' plan caches disagree (see
 * {@link #sharedBucket}).
 */
public final class QuotaService {
    private static final Logger LOG = LoggerFactory.getLogger(QuotaService.class);
    private static final String[] WINDOWS = {"second", "hour", "day"};
    private static final long[] WINDOW_SECONDS = {1, 3600, 86400};
    private static final int MAX_CAS_RETRIES = 8;
    private static final TokensInheritanceStrategy INHERITANCE = TokensInheritanceStrategy.PROPORTIONALLY;

    private final Optional<ProxyManager<byte[]>> redis;

    /** A subject's bucket, the limits it was last configured with, and (in Redis) that configuration's version. */
    private record Held(QuotaLimits limits, long version, Bucket bucket) {
    }

    /** Retry exhaustion on one key's compare-and-swap: that key is contended, Redis is not down. */
    private static final class Contended extends RuntimeException {
        Contended(int attempts) {
            super("compare-and-swap still conflicting after " + attempts + " attempts", null, false, false);
        }
    }

    private final Cache<String, Held> local = Caffeine.newBuilder().maximumSize(500_000)
            .expireAfterAccess(Duration.ofDays(1)).build();
    /*
     * One proxy per shared bucket, kept: its batching folds the requests that arrive for one key
     * while a compare-and-swap is in flight into the next one, instead of each racing on its own.
     */
    private final Cache<String, Held> shared = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();
    private final QuotaConfig.RedisFailurePolicy failurePolicy;
    private final Duration retryRedisAfter;
    private final Clock clock;
    private final Meter redisFailures;
    private final Meter contended;
    private final Meter poolExhausted;
    private volatile Instant redisDownUntil = Instant.MIN;

    private final String keyPrefix;

    public QuotaService(Optional<UnifiedJedis> jedis, String keyPrefix, QuotaConfig config, Clock clock,
                        MetricRegistry metrics) {
        this(jedis, keyPrefix, config, clock, metrics, MAX_CAS_RETRIES);
    }

    QuotaService(Optional<UnifiedJedis> jedis, String keyPrefix, QuotaConfig config, Clock clock,
                 MetricRegistry metrics, int maxCasRetries) {
        this.keyPrefix = keyPrefix;
        this.redis = jedis.map(j -> Bucket4jJedis.casBasedBuilder(j)
                // a bucket's state lives only until it would be full again, plus a margin
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                // many instances updating one hot key's state race on compare-and-swap: bounded retries with jitter
                .retryStrategy(meta -> {
                    if (meta.getAttemptNumber() >= maxCasRetries) {
                        // rather than return false: Bucket4j's own exception would not tell contention from Redis failing
                        throw new Contended(meta.getAttemptNumber());
                    }
                    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50_000, 500_000L * meta.getAttemptNumber() + 1));
                    return true;
                })
                .build());
        this.failurePolicy = config.getRedisFailurePolicy();
        this.retryRedisAfter = config.getRedisRetryAfter().toJavaDuration();
        this.clock = clock;
        this.redisFailures = metrics.meter("io.rentapi.quota.redis-failures");
        this.contended = metrics.meter("io.rentapi.quota.redis-contended");
        this.poolExhausted = metrics.meter("io.rentapi.quota.redis-pool-exhausted");
        metrics.gauge("io.rentapi.quota.shared", () -> () -> usingRedis() ? 1 : 0);
    }

    /** Takes one request from the subject's bucket, configured with these limits. */
    public QuotaDecision consume(String subject, QuotaLimits limits) {
        if (usingRedis()) {
            try {
                return decide(limits, sharedBucket(subject, limits).asVerbose().tryConsumeAndReturnRemaining(1));
            } catch (RuntimeException e) {
                redisFailed(subject, e);
            }
        }
        return decide(limits, localBucket(subject, limits).asVerbose().tryConsumeAndReturnRemaining(1));
    }

    public boolean usingRedis() {
        return redis.isPresent() && clock.instant().isAfter(redisDownUntil);
    }

    /**
     * Versions order configurations across instances: Redis replaces a bucket's configuration only
     * with a higher version, and otherwise keeps its own. The version is the time (ms) at which this
     * instance first used these limits for the subject, so newer limits win once seen. An instance
     * whose plan or key cache is still stale when it first meets the subject can put the old limits
     * back, but only until that cache refreshes (quota.planCacheTtl, apiKeys.cacheTtl), and
     * PROPORTIONALLY makes the round trip lose and gain nothing. This relies on instances' clocks
     * agreeing (NTP) to well within the time between two changes of one subject's limits. The
     * limits' own change times in the database are not used: a key's does not reach the quota check
     * (the key cache hands over limits only), and the subscription's and plan's alone would order
     * only part of what sets the limits.
     */
    private Bucket sharedBucket(String subject, QuotaLimits limits) {
        Held held = shared.getIfPresent(subject);
        if (held != null && held.limits().equals(limits)) {
            return held.bucket();
        }
        return shared.asMap().compute(subject, (s, current) -> {
            if (current != null && current.limits().equals(limits)) {
                return current;
            }
            long version = Math.max(clock.millis(), current == null ? 0 : current.version() + 1);
            Bucket proxy = redis.get().builder()
                    .withOptimization(Optimizations.batching())
                    .withImplicitConfigurationReplacement(version, INHERITANCE)
                    .build((keyPrefix + "quota:" + s).getBytes(StandardCharsets.UTF_8), () -> configuration(limits));
            return new Held(limits, version, proxy);
        }).bucket();
    }

    private Bucket localBucket(String subject, QuotaLimits limits) {
        Held held = local.getIfPresent(subject);
        if (held != null && held.limits().equals(limits)) {
            return held.bucket();
        }
        return local.asMap().compute(subject, (s, current) -> {
            if (current == null) {
                LocalBucketBuilder builder = Bucket.builder();
                for (Bandwidth bandwidth : configuration(limits).getBandwidths()) {
                    builder.addLimit(bandwidth);
                }
                return new Held(limits, 0, builder.build());
            }
            if (current.limits().equals(limits)) {
                return current;
            }
            current.bucket().replaceConfiguration(configuration(limits), INHERITANCE);
            return new Held(limits, 0, current.bucket());
        }).bucket();
    }

    /**
     * A failure on one key (compare-and-swap retries used up by contention on it, or no pooled
     * connection free in time: commons-pool's NoSuchElementException, which Jedis passes on as it
     * is) decides that request by the failure policy; any other failure means Redis is down for the
     * whole instance for a while.
     */
    private void redisFailed(String subject, RuntimeException e) {
        Meter meter = causedBy(e, Contended.class) ? contended
                : causedBy(e, NoSuchElementException.class) ? poolExhausted : null;
        if (meter == null) {
            redisDown(e);
            return;
        }
        meter.mark();
        LOG.debug("quota of {} not checked in Redis for this request: {}", subject, e.toString());
        if (failurePolicy == QuotaConfig.RedisFailurePolicy.CLOSED) {
            throw unavailable();
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private void redisDown(RuntimeException e) {
        redisFailures.mark();
        if (failurePolicy == QuotaConfig.RedisFailurePolicy.CLOSED) {
            LOG.error("Redis failed and the quota policy is fail-closed: refusing requests: {}", e.toString());
            throw unavailable();
        }
        if (usingRedis()) {
            LOG.warn("Redis failed; quotas fall back to in-process buckets for {}: {}", retryRedisAfter, e.toString());
        }
        redisDownUntil = clock.instant().plus(retryRedisAfter);
    }

    private static ApiException unavailable() {
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Quotas cannot be checked right now; retry shortly.");
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
