package io.rentapi.webhooks.delivery;

import io.rentapi.webhooks.endpoints.WebhookEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Turns outbox events into one delivery per matching enabled endpoint, exactly once however many
 * workers run: events are claimed with {@code FOR UPDATE SKIP LOCKED}, and each gets a marker row
 * (primary key per event) and its deliveries (unique per event and endpoint) in the same
 * transaction.
 */
public final class FanOut {
    /**
     * Events fanned out longer ago than this raise the watermark below which nothing is looked at
     * again; an event whose transaction commits this much later than a newer one would be missed.
     */
    static final Duration SETTLED = Duration.ofMinutes(5);

    private final Jdbi jdbi;
    private final Clock clock;
    private final int batch;
    private volatile long watermark = -1;

    public FanOut(Jdbi jdbi, Clock clock, int batch) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.batch = batch;
    }

    /** Fans out one batch of events; answers how many events it took. */
    public int runOnce() {
        if (watermark < 0) {
            watermark = jdbi.onDemand(FanOutDao.class).watermark();
        }
        long after = watermark;
        return jdbi.inTransaction(h -> {
            FanOutDao dao = h.attach(FanOutDao.class);
            List<FanOutDao.NewEvent> events = dao.claim(after, batch);
            if (events.isEmpty()) {
                return 0;
            }
            Map<Long, List<WebhookEndpoint>> endpointsByOrg = new HashMap<>();
            dao.enabledEndpoints(events.stream().map(e -> e.orgId().value()).distinct().toList())
                    .forEach(ep -> endpointsByOrg.computeIfAbsent(ep.orgId().value(), k -> new ArrayList<>()).add(ep));
            Instant now = clock.instant();
            List<FanOutDao.NewDelivery> deliveries = new ArrayList<>();
            List<FanOutDao.Marker> markers = new ArrayList<>(events.size());
            for (FanOutDao.NewEvent event : events) {
                markers.add(new FanOutDao.Marker(event.orgId(), event.id(), now));
                for (WebhookEndpoint endpoint : endpointsByOrg.getOrDefault(event.orgId().value(), List.of())) {
                    if (endpoint.filter().matches(event.type())) {
                        deliveries.add(new FanOutDao.NewDelivery(event.orgId(), endpoint.id(), event.id(), event.type(), now));
                    }
                }
            }
            dao.mark(markers);
            if (!deliveries.isEmpty()) {
                dao.insertDeliveries(deliveries);
            }
            return events.size();
        });
    }

    /** Raises the watermark over events fanned out long enough ago; cheap, run now and then. */
    public void advanceWatermark() {
        FanOutDao dao = jdbi.onDemand(FanOutDao.class);
        long current = dao.watermark();
        Long settled = dao.settledUpTo(current, clock.instant().minus(SETTLED));
        if (settled != null && settled > current) {
            dao.advance(settled);
            current = settled;
        }
        watermark = current;
    }
}
