package io.rentapi.worker;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task on its own thread again at once while it finds work (answers more than zero), and
 * after {@code idle} when it finds none. A failing iteration is logged; the loop goes on.
 */
public final class PollingLoop implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(PollingLoop.class);

    private final String name;
    private final Duration idle;
    private final IntSupplier task;
    private final Runnable afterWork;
    private volatile boolean running;
    private Thread thread;

    public PollingLoop(String name, Duration idle, IntSupplier task, Runnable afterWork) {
        this.name = name;
        this.idle = idle;
        this.task = task;
        this.afterWork = afterWork;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "loop-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            int done = 0;
            try {
                done = task.getAsInt();
                if (done > 0) {
                    afterWork.run();
                }
            } catch (RuntimeException e) {
                LOG.error("loop {} failed; it runs again in {}", name, idle, e);
            }
            if (done == 0) {
                try {
                    Thread.sleep(idle.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(30_000);
        }
    }
}
