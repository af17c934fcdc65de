package io.rentapi.api.http;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;

/** Caches in front of the database on the request path. */
public final class Caches {
    private Caches() {
    }

    /**
     * Entries are never older than {@code ttl}. Under traffic they are read again in the background
     * from half their age on, so busy keys never expire: requests do not wait for the database, nor
     * queue behind the one reloading an entry.
     */
    public static <K, V> LoadingCache<K, V> readThrough(Caffeine<Object, Object> builder, Duration ttl,
                                                        CacheLoader<K, V> loader) {
        builder.expireAfterWrite(ttl);
        if (!ttl.dividedBy(2).isZero() && !ttl.isNegative()) {
            builder.refreshAfterWrite(ttl.dividedBy(2));
        }
        return builder.build(loader);
    }
}
