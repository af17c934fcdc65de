package io.rentapi.api.redis;

import io.dropwizard.lifecycle.Managed;
import java.util.Arrays;
import java.util.Collection;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * Carries "forget these API keys" between API instances over Redis pub/sub, so that a revocation
 * or rotation takes effect everywhere at once. The subscriber reconnects by itself after failures;
 * while it is down, the verification cache's short lifetime still bounds staleness.
 */
public final class KeyInvalidationChannel implements Managed {
    private final String channel;
    private static final Logger LOG = LoggerFactory.getLogger(KeyInvalidationChannel.class);

    private final UnifiedJedis redis;
    private final JedisPubSub subscriber;
    private volatile boolean running;
    private Thread thread;

    public KeyInvalidationChannel(UnifiedJedis redis, String keyPrefix, Consumer<Collection<String>> onMessage) {
        this.redis = redis;
        this.channel = keyPrefix + "api-keys:invalidate";
        this.subscriber = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                onMessage.accept(Arrays.asList(message.split(" ")));
            }
        };
    }

    public void publish(Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return;
        }
        try {
            redis.publish(channel, String.join(" ", hashes));
        } catch (RuntimeException e) {
            LOG.warn("could not publish an API key invalidation; other instances see it within the cache lifetime: {}",
                    e.toString());
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, "api-key-invalidation");
        thread.setDaemon(true);
        thread.start();
    }

    private void listen() {
        while (running) {
            try {
                redis.subscribe(subscriber, channel);
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("API key invalidation subscription lost, retrying: {}", e.toString());
                    sleep(1000);
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        try {
            if (subscriber.isSubscribed()) {
                subscriber.unsubscribe();
            }
        } catch (RuntimeException e) {
            LOG.debug("unsubscribe failed during shutdown", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
