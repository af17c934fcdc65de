package io.rentapi.webhooks.delivery;

import com.codahale.metrics.CachedGauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.rentapi.core.outbox.Event;
import io.rentapi.webhooks.endpoints.WebhookEndpoint;
import io.rentapi.webhooks.endpoints.WebhookEndpointDao;
import io.rentapi.webhooks.signing.WebhookSignature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers claimed webhooks. One dispatcher thread claims due deliveries in batches
 * ({@code FOR UPDATE SKIP LOCKED}, then a lease in {@code next_attempt_at}) and hands each to its
 * endpoint's {@link Lane}; requests go out on a non-blocking client; one writer thread records
 * outcomes in batches. Nothing is sent inside a database transaction, and a worker that dies
 * leaves leases that lapse, so another worker sends those deliveries again with the same
 * {@code webhook-id}.
 */
public final class DeliveryEngine {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryEngine.class);
    static final int EXCERPT_BYTES = 4096;
    private static final Duration ENDPOINT_REFRESH = Duration.ofSeconds(2);
    static final Duration STALLED = Duration.ofMinutes(1);
    private static final int WRITE_BATCH = 1000;
    private static final JsonFactory JSON = new JsonFactory();

    private final Jdbi jdbi;
    private final WebhookSettings settings;
    private final Clock clock;
    private final RetrySchedule schedule;
    private final EndpointNotices notices;
    private final CircuitBreakerRegistry breakers;
    private final RateGate rateGate;
    private final Map<Long, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    private final Object wakeUp = new Object();
    private final Meter succeeded;
    private final Meter failedAttempts;
    private final Timer latency;
    private final Timer claims;
    private final Timer writes;

    private volatile boolean running;
    private volatile boolean writing;
    private volatile long dispatcherCameRound;
    private HttpClient http;
    private Thread dispatcher;
    private Thread writer;
    private ExecutorService resolver;
    private ScheduledExecutorService timers;

    public DeliveryEngine(Jdbi jdbi, WebhookSettings settings, Clock clock, RetrySchedule schedule,
                          EndpointNotices notices, MetricRegistry metrics) {
        this(jdbi, settings, clock, schedule, notices, metrics, RateGate.local());
    }

    public DeliveryEngine(Jdbi jdbi, WebhookSettings settings, Clock clock, RetrySchedule schedule,
                          EndpointNotices notices, MetricRegistry metrics, RateGate rateGate) {
        this.jdbi = jdbi;
        this.rateGate = rateGate;
        this.settings = settings;
        this.clock = clock;
        this.schedule = schedule;
        this.notices = notices;
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(20, settings.breakerMinimumCalls()))
                .minimumNumberOfCalls(settings.breakerMinimumCalls())
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .slowCallDurationThreshold(settings.requestTimeout())
                .build());
        this.succeeded = metrics.meter("webhooks.deliveries.succeeded");
        this.failedAttempts = metrics.meter("webhooks.attempts.failed");
        this.latency = metrics.timer("webhooks.attempts.latency");
        this.claims = metrics.timer("webhooks.claims");
        this.writes = metrics.timer("webhooks.outcome_writes");
        metrics.gauge("webhooks.in_flight", () -> inFlight::get);
        metrics.gauge("webhooks.queue.depth", () -> new CachedGauge<Long>(5, TimeUnit.SECONDS) {
            @Override
            protected Long loadValue() {
                return jdbi.onDemand(DeliveryDao.class).dueCount(clock.instant());
            }
        });
        for (CircuitBreaker.State state : List.of(CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN,
                CircuitBreaker.State.CLOSED)) {
            metrics.gauge("webhooks.breakers." + state.name().toLowerCase(java.util.Locale.ROOT),
                    () -> () -> lanes.values().stream().filter(l -> l.breaker.getState() == state).count());
        }
    }

    public void start() throws Exception {
        resolver = Executors.newFixedThreadPool(4, daemon("webhook-dns"));
        timers = Executors.newSingleThreadScheduledExecutor(daemon("webhook-timers"));
        QueuedThreadPool pool = new QueuedThreadPool(32, 4);
        pool.setName("webhook-http");
        pool.setDaemon(true);
        http = new HttpClient();
        http.setExecutor(pool);
        http.setSocketAddressResolver(new SsrfGuard(settings.allowedAddresses(), resolver));
        http.setFollowRedirects(false);
        http.setConnectTimeout(settings.connectTimeout().toMillis());
        http.setIdleTimeout(60_000);
        http.setMaxConnectionsPerDestination(Math.max(64, settings.maxInFlight() / 4));
        http.setMaxRequestsQueuedPerDestination(Math.max(1024, settings.maxInFlight()));
        http.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "rentapi-webhooks/1"));
        http.start();
        running = true;
        writing = true;
        dispatcherCameRound = System.nanoTime();
        writer = daemon("webhook-writer").newThread(this::writeLoop);
        writer.start();
        dispatcher = daemon("webhook-dispatcher").newThread(this::dispatchLoop);
        dispatcher.start();
    }

    /** Stops claiming, hands back what has not started, lets requests in flight finish, records them. */
    public void stop() throws Exception {
        running = false;
        wake();
        if (dispatcher != null) {
            dispatcher.join(settings.shutdownGrace().toMillis());
        }
        Instant now = clock.instant();
        for (Lane lane : lanes.values()) {
            for (Lane.Job job : lane.drain()) {
                outcomes.add(Outcome.notAttempted(job.delivery(), lane.endpoint(), Outcome.Kind.RELEASED, now, null));
            }
        }
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        writing = false;
        if (writer != null) {
            writer.join(settings.shutdownGrace().toMillis());
        }
        if (inFlight.get() > 0) {
            LOG.warn("{} webhook deliveries still in flight at shutdown; their claims lapse within {}",
                    inFlight.get(), settings.claimLease());
        }
        if (http != null) {
            http.stop();
        }
        if (timers != null) {
            timers.shutdownNow();
            resolver.shutdownNow();
        }
    }

    /** Claims at once instead of at the next poll; the fan-out calls this after queuing deliveries. */
    public void wake() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    public Optional<CircuitBreaker.State> breakerState(long endpointId) {
        return Optional.ofNullable(lanes.get(endpointId)).map(l -> l.breaker.getState());
    }

    private void pause() {
        synchronized (wakeUp) {
            try {
                wakeUp.wait(settings.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /**
     * Why this worker is not delivering, or empty while it is: for its health check. A dispatcher
     * that has not come round for {@link #STALLED} is stuck (on the database, say), not idle: an idle
     * one comes round every poll interval.
     */
    public Optional<String> problem() {
        if (!running) {
            return Optional.of("webhook delivery is not running");
        }
        if (!dispatcher.isAlive() || !writer.isAlive()) {
            return Optional.of("the webhook " + (dispatcher.isAlive() ? "outcome writer" : "dispatcher") + " thread has ended");
        }
        long quiet = System.nanoTime() - dispatcherCameRound;
        if (quiet > STALLED.toNanos()) {
            return Optional.of("the webhook dispatcher has not come round for " + TimeUnit.NANOSECONDS.toSeconds(quiet) + " s");
        }
        return Optional.empty();
    }

    private void dispatchLoop() {
        while (running) {
            dispatcherCameRound = System.nanoTime();
            try {
                int room = settings.maxInFlight() - inFlight.get();
                if (room <= 0) {
                    pause();
                    continue;
                }
                List<Delivery> claimed = claim(Math.min(room, settings.claimBatch()));
                if (claimed.isEmpty()) {
                    pause();
                    continue;
                }
                dispatch(claimed);
            } catch (RuntimeException e) {
                LOG.error("claiming webhook deliveries failed; trying again shortly", e);
                pause();
            }
        }
    }

    private List<Delivery> claim(int limit) {
        Instant now = clock.instant();
        Set<Long> skip = new HashSet<>();
        skip.add(-1L); // IN () is not SQL
        lanes.forEach((id, lane) -> {
            if (lane.saturated() || refusing(lane.breaker)) {
                skip.add(id);
            }
        });
        Instant leaseEnds = now.plus(settings.claimLease());
        Timer.Context timing = claims.time();
        List<Delivery> claimed = jdbi.inTransaction(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
            List<Delivery> due = withinLanes(dao.due(now, skip, limit));
            if (!due.isEmpty()) {
                dao.lease(due.stream().map(d -> d.orgId().value()).distinct().toList(),
                        due.stream().map(Delivery::id).toList(), leaseEnds);
            }
            return due;
        });
        timing.stop();
        inFlight.addAndGet(claimed.size());
        return claimed;
    }

    /**
     * The deliveries each lane has room for. One endpoint's backlog can fill a whole batch; kept,
     * it would hold this worker's in-flight budget behind a dead endpoint for a request timeout.
     * The rest are not leased: they stay due, unchanged, when the claim's transaction ends, and the
     * next claim skips the lanes this one filled.
     */
    private List<Delivery> withinLanes(List<Delivery> due) {
        Map<Long, Integer> room = new HashMap<>();
        List<Delivery> kept = new ArrayList<>(due.size());
        for (Delivery delivery : due) {
            int left = room.computeIfAbsent(delivery.endpointId(), id -> {
                Lane lane = lanes.get(id);
                return lane == null ? Lane.capacity(settings.endpointConcurrency()) : lane.room();
            });
            if (left > 0) {
                kept.add(delivery);
                room.put(delivery.endpointId(), left - 1);
            }
        }
        return kept;
    }

    /**
     * An open breaker's deliveries stay where they are until it lets a probe through; claiming them
     * only to put them back would make everyone else's deliveries queue behind them.
     */
    private static boolean refusing(CircuitBreaker breaker) {
        if (breaker.getState() != CircuitBreaker.State.OPEN) {
            return false;
        }
        if (breaker.tryAcquirePermission()) { // its wait is over: now half-open, probes may go
            breaker.releasePermission();
            return false;
        }
        return true;
    }

    private void dispatch(List<Delivery> claimed) {
        Instant now = clock.instant();
        Map<Long, Event> events = new HashMap<>();
        jdbi.onDemand(DeliveryDao.class).events(claimed.stream().map(Delivery::eventId).distinct().toList())
                .forEach(e -> events.put(e.id(), e));
        refreshEndpoints(claimed, now);
        for (Delivery delivery : claimed) {
            Lane lane = lanes.get(delivery.endpointId());
            Event event = events.get(delivery.eventId());
            if (lane == null || !lane.endpoint().enabled() || event == null) {
                record(Outcome.notAttempted(delivery, lane == null ? null : lane.endpoint(), Outcome.Kind.ENDPOINT_OFF,
                        now, "endpoint disabled"));
                continue;
            }
            lane.submit(new Lane.Job(delivery, body(event), now), job -> start(lane, job));
        }
    }

    private void refreshEndpoints(List<Delivery> claimed, Instant now) {
        List<Long> stale = new ArrayList<>();
        for (long id : claimed.stream().map(Delivery::endpointId).distinct().toList()) {
            Lane lane = lanes.get(id);
            if (lane == null || lane.loadedAt().plus(ENDPOINT_REFRESH).isBefore(now)) {
                stale.add(id);
            }
        }
        if (stale.isEmpty()) {
            return;
        }
        for (WebhookEndpointDao.WithDeletion row : jdbi.onDemand(WebhookEndpointDao.class).byIds(stale)) {
            WebhookEndpoint endpoint = row.endpoint();
            lanes.compute(endpoint.id(), (id, lane) -> {
                if (lane == null) {
                    return new Lane(endpoint, now, breakers.circuitBreaker("endpoint-" + id), settings.endpointConcurrency());
                }
                lane.refresh(endpoint, now);
                return lane;
            });
        }
    }

    private void start(Lane lane, Lane.Job job) {
        Instant now = clock.instant();
        WebhookEndpoint endpoint = lane.endpoint();
        if (!running || now.isAfter(job.claimedAt().plus(settings.claimLease().dividedBy(2)))) {
            // stopping, or queued so long its lease is running out: hand it back rather than risk a second sender
            finish(lane, Outcome.notAttempted(job.delivery(), endpoint, Outcome.Kind.RELEASED, now, job.delivery().lastError()));
            return;
        }
        if (!endpoint.enabled()) {
            finish(lane, Outcome.notAttempted(job.delivery(), endpoint, Outcome.Kind.ENDPOINT_OFF, now, "endpoint disabled"));
            return;
        }
        if (!lane.breaker.tryAcquirePermission()) {
            long openMillis = settings.breakerOpenFor().toMillis();
            Instant dueAgain = now.plusMillis(openMillis + ThreadLocalRandom.current().nextLong(openMillis / 5 + 1));
            finish(lane, Outcome.notAttempted(job.delivery(), endpoint, Outcome.Kind.BREAKER_OPEN, dueAgain,
                    "not attempted: the endpoint's circuit breaker is open after repeated failures"));
            return;
        }
        Integer perSecond = endpoint.rateLimit();
        long wait = perSecond == null || perSecond <= 0 ? 0 : rateGate.reserve(endpoint.id(), perSecond);
        if (wait > settings.claimLease().dividedBy(2).toNanos()) {
            // the endpoint's schedule is booked past this claim's lease: back to the queue for its slot
            lane.breaker.releasePermission();
            finish(lane, Outcome.notAttempted(job.delivery(), endpoint, Outcome.Kind.RELEASED, now.plusNanos(wait),
                    job.delivery().lastError()));
            return;
        }
        if (wait > 0) {
            timers.schedule(() -> send(lane, job), wait, TimeUnit.NANOSECONDS);
        } else {
            send(lane, job);
        }
    }

    private void send(Lane lane, Lane.Job job) {
        WebhookEndpoint endpoint = lane.endpoint();
        Delivery delivery = job.delivery();
        Instant sentAt = clock.instant();
        long started = System.nanoTime();
        Request request;
        try {
            long timestamp = sentAt.getEpochSecond();
            String signature = WebhookSignature.header(delivery.webhookId(), timestamp, job.body(),
                    endpoint.signingSecrets(sentAt));
            request = http.newRequest(endpoint.url())
                    .method(HttpMethod.POST)
                    .timeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .headers(h -> h.put("webhook-id", delivery.webhookId())
                            .put("webhook-timestamp", Long.toString(timestamp))
                            .put("webhook-signature", signature))
                    .body(new BytesRequestContent("application/json", job.body()));
        } catch (RuntimeException e) {
            lane.breaker.releasePermission();
            finish(lane, new Outcome(delivery, endpoint, Outcome.Kind.NOT_REACHED, sentAt, null, 0,
                    "cannot send to " + endpoint.url() + ": " + e.getMessage(), null, Optional.empty()));
            return;
        }
        request.send(new Response.Listener() {
            private final ByteArrayOutputStream excerpt = new ByteArrayOutputStream();

            @Override
            public void onContent(Response response, ByteBuffer content) {
                int room = EXCERPT_BYTES - excerpt.size();
                if (room > 0) {
                    byte[] bytes = new byte[Math.min(room, content.remaining())];
                    content.get(bytes);
                    excerpt.write(bytes, 0, bytes.length);
                }
            }

            @Override
            public void onComplete(Result result) {
                long nanos = System.nanoTime() - started;
                latency.update(nanos, TimeUnit.NANOSECONDS);
                int millis = (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos));
                Outcome outcome;
                if (result.isFailed()) {
                    Throwable failure = result.getFailure();
                    lane.breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
                    outcome = new Outcome(delivery, endpoint, Outcome.Kind.NOT_REACHED, sentAt, null, millis,
                            describe(failure), null, Optional.empty());
                } else {
                    Response response = result.getResponse();
                    int status = response.getStatus();
                    if (status >= 200 && status < 300) {
                        lane.breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
                    } else {
                        lane.breaker.onError(nanos, TimeUnit.NANOSECONDS, new IllegalStateException("HTTP " + status));
                    }
                    Optional<Duration> retryAfter = status == 429 || status == 503
                            ? RetrySchedule.parseRetryAfter(response.getHeaders().get(HttpHeader.RETRY_AFTER), sentAt)
                            : Optional.empty();
                    outcome = new Outcome(delivery, endpoint, Outcome.Kind.RESPONDED, sentAt, status, millis,
                            status >= 200 && status < 300 ? null : "HTTP " + status,
                            new String(excerpt.toByteArray(), StandardCharsets.UTF_8), retryAfter);
                }
                finish(lane, outcome);
            }
        });
    }

    private String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof SsrfGuard.RefusedAddress)) {
            cause = cause.getCause();
        }
        if (failure instanceof TimeoutException || cause instanceof TimeoutException) {
            return "timed out after " + settings.requestTimeout().toMillis() + " ms";
        }
        if (cause instanceof SsrfGuard.RefusedAddress) {
            return cause.getMessage();
        }
        if (cause instanceof ConnectException) {
            return "connection failed: " + cause.getMessage();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private void finish(Lane lane, Outcome outcome) {
        record(outcome);
        lane.finished(job -> start(lane, job));
    }

    private void record(Outcome outcome) {
        if (outcome.attempted()) {
            if (outcome.succeeded()) {
                succeeded.mark();
            } else {
                failedAttempts.mark();
            }
        }
        outcomes.add(outcome);
    }

    static byte[] body(Event event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(event.payload().length() + 128);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("id", event.id());
            json.writeStringField("type", event.type());
            json.writeStringField("created_at", event.createdAt().toString());
            json.writeFieldName("data");
            json.writeRawValue(event.payload());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void writeLoop() {
        List<Outcome> batch = new ArrayList<>(WRITE_BATCH);
        while (writing || !outcomes.isEmpty()) {
            try {
                Outcome first = outcomes.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                outcomes.drainTo(batch, WRITE_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                inFlight.addAndGet(-batch.size());
                batch.clear();
                if (running) {
                    wake();
                }
            }
        }
    }

    private void write(List<Outcome> batch) {
        try (Timer.Context timing = writes.time()) {
            writeAll(batch);
        } catch (RuntimeException e) {
            LOG.warn("recording {} webhook outcomes together failed; recording them one by one", batch.size(), e);
            for (Outcome outcome : batch) {
                try {
                    writeAll(List.of(outcome));
                } catch (RuntimeException again) {
                    LOG.error("could not record the outcome of delivery {} (org {}); its claim lapses and it is sent again",
                            outcome.delivery().id(), outcome.delivery().orgId(), again);
                }
            }
        }
    }

    private void writeAll(List<Outcome> batch) {
        jdbi.useTransaction(h -> {
            List<DeliveryDao.DeliveryUpdate> updates = new ArrayList<>(batch.size());
            List<Attempt> attempts = new ArrayList<>(batch.size());
            Map<Long, Outcome> lastByEndpoint = new LinkedHashMap<>();
            Map<Long, String> disable = new LinkedHashMap<>();
            for (Outcome o : batch) {
                Delivery d = o.delivery();
                switch (o.kind()) {
                    case RELEASED, BREAKER_OPEN -> updates.add(new DeliveryDao.DeliveryUpdate(d.orgId(), d.id(),
                            Delivery.PENDING, d.attempts(), o.at(), false, null, null, o.error(), null));
                    case ENDPOINT_OFF -> updates.add(new DeliveryDao.DeliveryUpdate(d.orgId(), d.id(),
                            Delivery.FAILED, d.attempts(), o.at(), false, null, null, o.error(), null));
                    case RESPONDED, NOT_REACHED -> {
                        int made = d.attempts() + 1;
                        attempts.add(new Attempt(0, d.orgId(), d.id(), d.endpointId(), o.at(), o.statusCode(),
                                o.latencyMs(), o.error(), o.responseBody()));
                        lastByEndpoint.put(d.endpointId(), o);
                        if (o.succeeded()) {
                            updates.add(new DeliveryDao.DeliveryUpdate(d.orgId(), d.id(), Delivery.SUCCEEDED, made,
                                    o.at(), true, o.at(), o.statusCode(), null, o.at()));
                            continue;
                        }
                        boolean gone = o.statusCode() != null && o.statusCode() == 410;
                        Optional<Instant> next = gone ? Optional.empty() : schedule.next(made, o.at(), o.retryAfter());
                        updates.add(new DeliveryDao.DeliveryUpdate(d.orgId(), d.id(),
                                next.isPresent() ? Delivery.PENDING : Delivery.FAILED, made, next.orElse(o.at()),
                                true, o.at(), o.statusCode(), o.error(), null));
                        if (gone) {
                            disable.put(d.endpointId(), EndpointNotices.GONE);
                        } else if (o.endpoint().failingSince() != null
                                && !o.endpoint().failingSince().plus(settings.disableAfter()).isAfter(o.at())) {
                            disable.putIfAbsent(d.endpointId(), EndpointNotices.FAILING);
                        }
                    }
                    default -> throw new IllegalStateException("unknown outcome " + o.kind());
                }
            }
            DeliveryDao deliveries = h.attach(DeliveryDao.class);
            deliveries.record(updates);
            if (!attempts.isEmpty()) {
                deliveries.log(attempts);
            }
            WebhookEndpointDao endpoints = h.attach(WebhookEndpointDao.class);
            for (Outcome o : lastByEndpoint.values()) {
                // only changes of state are written; the snapshot is at most seconds old, and both statements are idempotent
                if (o.succeeded() && o.endpoint().failingSince() != null) {
                    endpoints.markHealthy(o.endpoint().orgId(), o.endpoint().id());
                } else if (!o.succeeded() && o.endpoint().failingSince() == null) {
                    endpoints.markFailing(o.endpoint().orgId(), o.endpoint().id(), o.at());
                }
            }
            for (Map.Entry<Long, String> off : disable.entrySet()) {
                WebhookEndpoint endpoint = lastByEndpoint.get(off.getKey()).endpoint();
                if (notices.disable(h, endpoint, off.getValue(), clock.instant())) {
                    LOG.warn("webhook endpoint {} of org {} disabled: {}", endpoint.id(), endpoint.orgId(), off.getValue());
                }
            }
        });
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
