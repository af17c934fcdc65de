package io.rentapi.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.rentapi.api.http.ApiJson;
import io.rentapi.api.support.Receiver;
import io.rentapi.api.support.WebhookWorkers;
import io.rentapi.core.db.Migrations;
import io.rentapi.core.db.OrgIdPlugin;
import io.rentapi.core.mail.MailOutbox;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.core.tenancy.OrgId;
import io.rentapi.webhooks.delivery.DeliveryEngine;
import io.rentapi.webhooks.delivery.EndpointNotices;
import io.rentapi.webhooks.delivery.FanOut;
import io.rentapi.webhooks.delivery.RetrySchedule;
import io.rentapi.webhooks.endpoints.EndpointSecrets;
import io.rentapi.webhooks.endpoints.WebhookEndpointDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;

/** `rentapi dev` runs the worker on H2: fan-out, claims and outcomes work there too. */
class WebhooksOnH2Test {
    @Test
    void eventsAreFannedOutAndDeliveredOnH2() throws Exception {
        String url = "jdbc:h2:mem:webhooks;MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        Migrations.migrate(url, "sa", "");
        Jdbi jdbi = Jdbi.create(url, "sa", "");
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new OrgIdPlugin());
        Clock clock = Clock.systemUTC();
        Outbox outbox = new Outbox(ApiJson.newMapper(), clock);
        try (Receiver receiver = new Receiver()) {
            OrgId org = OrgId.of(jdbi.withHandle(h -> h.createUpdate(
                    "INSERT INTO organizations (name, created_at, updated_at) VALUES ('dev', :now, :now)")
                    .bind("now", Instant.now()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()));
            long endpoint = jdbi.onDemand(WebhookEndpointDao.class).insert(org, receiver.url("/dev"), null, "rental.*",
                    true, null, EndpointSecrets.generate(), Instant.now());
            jdbi.useTransaction(h -> {
                for (int i = 0; i < 20; i++) {
                    outbox.append(h, org, i % 2 == 0 ? "rental.created" : "member.added", Map.of("n", i));
                }
            });
            DeliveryEngine engine = new DeliveryEngine(jdbi, WebhookWorkers.settings(), clock,
                    new RetrySchedule(new Random()), new EndpointNotices(outbox, new MailOutbox(ApiJson.newMapper(), clock)),
                    new MetricRegistry());
            FanOut fanOut = new FanOut(jdbi, clock, 100);
            assertThat(fanOut.runOnce()).isEqualTo(20);
            assertThat(fanOut.runOnce()).as("fanned out once").isZero();
            engine.start();
            try {
                Receiver.await(Duration.ofSeconds(10), () -> receiver.received("/dev").size() == 10, "ten rental events");
                Receiver.await(Duration.ofSeconds(10), () -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = :id AND status = 'succeeded'")
                        .bind("id", endpoint).mapTo(Integer.class).one()) == 10, "recorded as succeeded");
            } finally {
                engine.stop();
            }
            fanOut.advanceWatermark();
        }
    }
}
