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
 * a bounded queue behind them, so a slow endpoint fills its own lane and nobody else's.
 */
final class Lane {
    record Job(Delivery delivery, byte[] body, Instant claimedAt) {
    }

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
        this.queueLimit = concurrency * 8;
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

    /** Full lanes get no more claims until they drain. */
    synchronized boolean saturated() {
        return waiting.size() >= queueLimit;
    }

    /** Starts the job now if the lane has room, else queues it. */
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
