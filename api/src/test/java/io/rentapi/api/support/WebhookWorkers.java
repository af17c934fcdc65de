package io.rentapi.api.support;

import com.codahale.metrics.MetricRegistry;
import io.rentapi.api.http.ApiJson;
import io.rentapi.core.mail.MailOutbox;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.webhooks.delivery.DeliveryEngine;
import io.rentapi.webhooks.delivery.EndpointNotices;
import io.rentapi.webhooks.delivery.FanOut;
import io.rentapi.webhooks.delivery.RateGate;
import io.rentapi.webhooks.delivery.RetrySchedule;
import io.rentapi.webhooks.delivery.WebhookSettings;
import io.rentapi.worker.webhooks.WebhookWorker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import io.rentapi.core.db.OrgIdPlugin;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The worker's webhook machinery (fan-out and delivery engine, the product's own classes) running
 * in the test JVM on the test database, with a clock and settings of the test's choosing.
 */
public final class WebhookWorkers {
    private static Jdbi jdbi;

    private WebhookWorkers() {
    }

    /** The test database as the worker sees it: pooled connections, SQL objects, org ids. */
    public static synchronized Jdbi jdbi() {
        if (jdbi == null) {
            PoolProperties pool = new PoolProperties();
            pool.setUrl(TestDatabase.jdbcUrl());
            pool.setUsername(TestDatabase.USER);
            pool.setPassword(TestDatabase.PASSWORD);
            pool.setDriverClassName("org.postgresql.Driver");
            pool.setMaxActive(24);
            pool.setMaxIdle(24);
            pool.setInitialSize(2);
            jdbi = Jdbi.create(new DataSource(pool));
            jdbi.installPlugin(new SqlObjectPlugin());
            jdbi.installPlugin(new OrgIdPlugin());
        }
        return jdbi;
    }

    /** The test configuration's values: short timeouts and leases, loopback allowed. */
    public static WebhookSettings settings() {
        return settings(List.of("127.0.0.1/32"), 5);
    }

    public static WebhookSettings settings(List<String> allowedAddresses, int breakerMinimumCalls) {
        return settings(allowedAddresses, breakerMinimumCalls, Duration.ofSeconds(2));
    }

    /** With a request timeout of the test's choosing; the claim lease outlasts it three times, as in the others. */
    public static WebhookSettings settings(List<String> allowedAddresses, int breakerMinimumCalls, Duration requestTimeout) {
        return new WebhookSettings(requestTimeout, Duration.ofSeconds(1), requestTimeout.multipliedBy(3), 500, 2000, 16,
                Duration.ofMillis(20), allowedAddresses, Duration.ofSeconds(3), breakerMinimumCalls, 50f,
                Duration.ofDays(5), Duration.ofSeconds(5));
    }

    public record Running(WebhookWorker worker, DeliveryEngine engine, FanOut fanOut, MetricRegistry metrics)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            worker.stop();
        }
    }

    public static Running start(Clock clock) throws Exception {
        return start(clock, settings());
    }

    public static Running start(Clock clock, WebhookSettings settings) throws Exception {
        return start(clock, settings, RateGate.local());
    }

    public static Running start(Clock clock, WebhookSettings settings, RateGate rateGate) throws Exception {
        var json = ApiJson.newMapper();
        MetricRegistry metrics = new MetricRegistry();
        DeliveryEngine engine = new DeliveryEngine(jdbi(), settings, clock, new RetrySchedule(new Random()),
                new EndpointNotices(new Outbox(json, clock), new MailOutbox(json, clock)), metrics, rateGate);
        FanOut fanOut = new FanOut(jdbi(), clock, WebhookWorker.FAN_OUT_BATCH);
        WebhookWorker worker = new WebhookWorker(fanOut, engine, settings.pollInterval());
        worker.start();
        return new Running(worker, engine, fanOut, metrics);
    }
}
