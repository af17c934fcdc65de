package io.rentapi.api.health;

import com.codahale.metrics.health.HealthCheck;
import redis.clients.jedis.UnifiedJedis;

public final class RedisHealthCheck extends HealthCheck {
    private final UnifiedJedis redis;

    public RedisHealthCheck(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    protected Result check() {
        String pong = redis.ping();
        return "PONG".equals(pong) ? Result.healthy() : Result.unhealthy("unexpected answer to PING: " + pong);
    }
}
