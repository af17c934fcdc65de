package io.rentapi.webhooks.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** The endpoints' schedules in this process's memory. */
final class LocalRateGate implements RateGate {
    private final Map<Long, Long> nextSlot = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    LocalRateGate(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public long reserve(long endpointId, int perSecond) {
        long now = nanoTime.getAsLong();
        long interval = 1_000_000_000L / perSecond;
        long slot = nextSlot.compute(endpointId, (id, next) -> Math.max(now, next == null ? now : next) + interval) - interval;
        return slot - now;
    }
}
