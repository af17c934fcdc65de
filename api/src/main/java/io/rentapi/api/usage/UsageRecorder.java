package io.rentapi.api.usage;

import io.dropwizard.lifecycle.Managed;
import io.rentapi.api.keys.ApiKeyDao;
import io.rentapi.core.db.SqlErrors;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts requests per (organization, API key, hour, status class) in memory and writes the sums
 * periodically, with each key's last use: the request path never writes to the database for it.
 * Counts still in memory when a process dies are lost; they are statistics, not billing records.
 */
public final class UsageRecorder implements Managed {
    /** The key id under which people's (access token) calls are counted. */
    public static final long PEOPLE = 0;
    private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);

    private record Cell(OrgId orgId, long apiKeyId, Instant hour, int statusClass) {
    }

    private record KeyRef(OrgId orgId, long apiKeyId) {
    }

    /**
     * When a key was last used, to the second, and what the last flush wrote: every request reads
     * it, at most one a second per key writes it, none takes a lock.
     */
    private static final class LastUse {
        private static final long GRANULARITY_MILLIS = 1000;
        private volatile long at;
        private long flushed; // only the flush, which is synchronized, reads and writes it

        void touch(long millis) {
            if (millis - at >= GRANULARITY_MILLIS) {
                at = millis;
            }
        }
    }

    private static final Duration IDLE_FORGOTTEN = Duration.ofDays(1);
    /**
     * What a flush sets an idle counter to before taking it out of the map: a request that still
     * holds it sees a negative count and counts again in a fresh one, so no increment is lost.
     */
    private static final long RETIRED = Long.MIN_VALUE / 2;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration flushEvery;
    private final ConcurrentHashMap<Cell, AtomicLong> counts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<KeyRef, LastUse> lastUsed = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;

    public UsageRecorder(Jdbi jdbi, Clock clock, Duration flushEvery) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.flushEvery = flushEvery;
    }

    public void record(OrgId orgId, long apiKeyId, int status) {
        Instant now = clock.instant();
        Cell cell = new Cell(orgId, apiKeyId, now.truncatedTo(ChronoUnit.HOURS), status / 100);
        AtomicLong count = counts.computeIfAbsent(cell, c -> new AtomicLong());
        while (count.getAndIncrement() < 0) {
            counts.remove(cell, count); // retired by a flush since we looked it up
            count = counts.computeIfAbsent(cell, c -> new AtomicLong());
        }
        if (apiKeyId != PEOPLE) {
            lastUsed.computeIfAbsent(new KeyRef(orgId, apiKeyId), k -> new LastUse()).touch(now.toEpochMilli());
        }
    }

    /** Writes what has been counted since the last flush. Safe to call from several threads. */
    public synchronized void flush() {
        for (Map.Entry<Cell, AtomicLong> entry : counts.entrySet()) {
            long n = entry.getValue().getAndSet(0);
            if (n == 0) {
                // idle since the last flush: retire it unless a request counted in it meanwhile
                if (entry.getValue().compareAndSet(0, RETIRED)) {
                    counts.remove(entry.getKey(), entry.getValue());
                }
                continue;
            }
            Cell c = entry.getKey();
            try {
                add(c, n);
            } catch (RuntimeException e) {
                entry.getValue().addAndGet(n); // keep it for the next flush; only this loop retires it
                LOG.warn("usage flush failed for org {} key {}; retrying next time: {}", c.orgId(), c.apiKeyId(), e.toString());
            }
        }
        long idleSince = clock.millis() - IDLE_FORGOTTEN.toMillis();
        for (Map.Entry<KeyRef, LastUse> entry : lastUsed.entrySet()) {
            LastUse use = entry.getValue();
            long at = use.at;
            if (at > use.flushed) {
                jdbi.onDemand(ApiKeyDao.class).touch(entry.getKey().orgId(), entry.getKey().apiKeyId(),
                        Instant.ofEpochMilli(at));
                use.flushed = at;
            } else if (at < idleSince) {
                lastUsed.remove(entry.getKey(), use); // a key unused for a day here; a new use starts afresh
            }
        }
    }

    private void add(Cell c, long n) {
        UsageDao usage = jdbi.onDemand(UsageDao.class);
        if (usage.add(c.orgId(), c.apiKeyId(), c.hour(), c.statusClass(), n) == 1) {
            return;
        }
        try {
            usage.insert(c.orgId(), c.apiKeyId(), c.hour(), c.statusClass(), n);
        } catch (UnableToExecuteStatementException e) {
            if (!SqlErrors.isUniqueViolation(e)) {
                throw e;
            }
            usage.add(c.orgId(), c.apiKeyId(), c.hour(), c.statusClass(), n); // another instance inserted first
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "usage-flush");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                flush();
            } catch (RuntimeException e) {
                LOG.error("usage flush failed", e);
            }
        }, flushEvery.toMillis(), flushEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
        flush();
    }
}
