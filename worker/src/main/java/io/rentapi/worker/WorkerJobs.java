package io.rentapi.worker;

import io.dropwizard.lifecycle.Managed;
import io.rentapi.core.idempotency.IdempotencyStore;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything the worker process runs. Later capabilities add their loops here. */
public final class WorkerJobs {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerJobs.class);

    private WorkerJobs() {
    }

    public static List<Managed> all(IdempotencyStore idempotency) {
        return List.of(
                new PeriodicJob("idempotency-purge", Duration.ofMinutes(10), () -> {
                    int purged = idempotency.purgeExpired();
                    if (purged > 0) {
                        LOG.info("purged {} expired idempotency keys", purged);
                    }
                }));
    }
}
