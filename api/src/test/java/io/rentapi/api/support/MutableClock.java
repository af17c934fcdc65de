package io.rentapi.api.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the test moves by hand: stopped at a given time, or running with real time plus what the
 * test added (never behind real time, so tokens other instances issue are never from its future).
 */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> stopped;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public MutableClock(Instant start) {
        this.stopped = new AtomicReference<>(start);
    }

    private MutableClock() {
        this.stopped = null;
    }

    public static MutableClock running() {
        return new MutableClock();
    }

    public void advance(Duration by) {
        if (stopped == null) {
            offset.updateAndGet(o -> o.plus(by));
        } else {
            stopped.updateAndGet(t -> t.plus(by));
        }
    }

    @Override
    public Instant instant() {
        return stopped == null ? Instant.now().plus(offset.get()) : stopped.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
