package io.rentapi.api.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

/** Redis clients from a {@code redis://[user:password@]host:port[/db]} URL, with short timeouts. */
public final class RedisClients {
    private RedisClients() {
    }

    /**
     * Timeouts are short on purpose: Redis sits on the request path (quotas), and a slow Redis must
     * turn into the fail-open fallback quickly, not into slow answers. That holds for the wait for a
     * pooled connection too: when every connection is busy (Redis is slow), a request waits at most
     * {@code poolMaxWait} and then fails like an outage, instead of queueing behind the others.
     */
    public static RedisClient create(URI url, int poolSize, Duration poolMaxWait) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(250)
                .socketTimeoutMillis(500)
                .ssl("rediss".equals(url.getScheme()));
        String userInfo = url.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? "" : decode(userInfo.substring(0, colon));
            String password = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
            if (!user.isEmpty()) {
                config.user(user);
            }
            config.password(password);
        }
        String path = url.getPath();
        if (path != null && path.length() > 1) {
            config.database(Integer.parseInt(path.substring(1)));
        }
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMinIdle(Math.min(4, poolSize));
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(poolMaxWait);
        return RedisClient.builder()
                .hostAndPort(url.getHost(), url.getPort() == -1 ? 6379 : url.getPort())
                .clientConfig(config.build())
                .poolConfig(pool)
                .build();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
