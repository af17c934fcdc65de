package io.rentapi.webhooks.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.rentapi.webhooks.endpoints.WebhookEndpoint;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One endpoint's share of a worker: its breaker, at most {@code concurrency} requests in flight and
 * a bounded queue behind them, so a slow endpoint fills its own lane and nobody else's. The claim
 * takes no more of an endpoint's deliveries than its lane has {@link #room} for.
 */
final class Lane {
    record Job(Delivery delivery, byte[] body, Instant claimedAt) {
    }

    private static final int QUEUED_PER_REQUEST = 8;

    private final int concurrency;
    private final int queueLimit;
    final CircuitBreaker breaker;
    private volatile WebhookEndpoint endpoint;
    private volatile Instant loadedAt;
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();
    private int active;

    Lane(WebhookEndpoint endpoint, Instant loadedAt, CircuitBreaker breaker, int concurrency) {
        this.endpoint = endpoint;
        this.loadedAt = loadedAt;
        this.breaker = breaker;
        this.concurrency = concurrency;
        this.queueLimit = concurrency * QUEUED_PER_REQUEST;
    }

    /** What a lane holds at most, in flight and queued; also the room of a lane not yet made. */
    static int capacity(int concurrency) {
        return concurrency + concurrency * QUEUED_PER_REQUEST;
    }

    WebhookEndpoint endpoint() {
        return endpoint;
    }

    Instant loadedAt() {
        return loadedAt;
    }

    void refresh(WebhookEndpoint endpoint, Instant at) {
        this.endpoint = endpoint;
        this.loadedAt = at;
    }

    /**
     * Lanes more than half queued get no more claims until they drain below it: a claim is worth
     * its row locks only when it can keep many of an endpoint's deliveries.
     */
    synchronized boolean saturated() {
        return waiting.size() >= queueLimit / 2;
    }

    /** How many more jobs the lane takes: its capacity less what it holds. */
    synchronized int room() {
        return capacity(concurrency) - active - waiting.size();
    }

    /** Starts the job now if a request slot is free, else queues it; the claim keeps it within {@link #room}. */
    void submit(Job job, Consumer<Job> start) {
        synchronized (this) {
            if (active >= concurrency) {
                waiting.add(job);
                return;
            }
            active++;
        }
        start.accept(job);
    }

    /** A job of this lane is done; the next queued one takes its place. */
    void finished(Consumer<Job> start) {
        Job next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                active--;
                return;
            }
        }
        start.accept(next);
    }

    synchronized List<Job> drain() {
        List<Job> drained = new ArrayList<>(waiting);
        waiting.clear();
        return drained;
    }
}
