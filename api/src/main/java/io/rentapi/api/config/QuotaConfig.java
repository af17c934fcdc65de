package io.rentapi.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

public class QuotaConfig {
    /** When Redis fails: {@code open} keeps serving on in-process buckets, {@code closed} answers 503. */
    public enum RedisFailurePolicy {
        OPEN, CLOSED;

        @com.fasterxml.jackson.annotation.JsonCreator
        public static RedisFailurePolicy of(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    @NotNull
    @JsonProperty
    private RedisFailurePolicy redisFailurePolicy = RedisFailurePolicy.OPEN;

    /** After a Redis failure, how long to stay on in-process buckets before trying Redis again. */
    @NotNull
    @JsonProperty
    private Duration redisRetryAfter = Duration.seconds(2);

    /** How long an organization's plan limits are cached; a plan change applies within this time. */
    @NotNull
    @JsonProperty
    private Duration planCacheTtl = Duration.seconds(5);

    public RedisFailurePolicy getRedisFailurePolicy() {
        return redisFailurePolicy;
    }

    public Duration getRedisRetryAfter() {
        return redisRetryAfter;
    }

    public Duration getPlanCacheTtl() {
        return planCacheTtl;
    }
}
