package io.rentapi.worker.webhooks;

import io.dropwizard.lifecycle.Managed;
import io.rentapi.webhooks.delivery.DeliveryEngine;
import io.rentapi.webhooks.delivery.FanOut;
import io.rentapi.worker.PeriodicJob;
import io.rentapi.worker.PollingLoop;
import java.time.Duration;
import java.util.List;

/**
 * Webhook work of one worker process: the fan-out loop (outbox events into deliveries), the
 * delivery engine, and the watermark job. Stopped in reverse: no new deliveries while the engine
 * drains what it holds.
 */
public final class WebhookWorker implements Managed {
    /** Fan-out batch: events per transaction. */
    public static final int FAN_OUT_BATCH = 1000;

    private final List<Managed> parts;

    public WebhookWorker(FanOut fanOut, DeliveryEngine engine, Duration pollInterval) {
        Managed engineLifecycle = new Managed() {
            @Override
            public void start() throws Exception {
                engine.start();
            }

            @Override
            public void stop() throws Exception {
                engine.stop();
            }
        };
        this.parts = List.of(engineLifecycle,
                new PollingLoop("webhook-fan-out", pollInterval, fanOut::runOnce, engine::wake),
                new PeriodicJob("webhook-fan-out-watermark", Duration.ofSeconds(30), fanOut::advanceWatermark));
    }

    @Override
    public void start() throws Exception {
        for (Managed part : parts) {
            part.start();
        }
    }

    @Override
    public void stop() throws Exception {
        for (int i = parts.size() - 1; i >= 0; i--) {
            parts.get(i).stop();
        }
    }
}
