package io.rentapi.api.webhooks;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.lifecycle.Managed;
import io.rentapi.api.Wiring;
import io.rentapi.api.config.WebhooksConfig;
import io.rentapi.webhooks.delivery.DeliveryEngine;
import io.rentapi.webhooks.delivery.EndpointNotices;
import io.rentapi.webhooks.delivery.FanOut;
import io.rentapi.webhooks.delivery.RateGate;
import io.rentapi.webhooks.delivery.RetrySchedule;
import io.rentapi.webhooks.delivery.WebhookSettings;
import io.rentapi.worker.webhooks.WebhookWorker;
import java.security.SecureRandom;
import java.util.List;

/** Builds the webhook capability: its resources for the API role, its worker for the worker role. */
public final class Webhooks {
    private Webhooks() {
    }

    public static List<Object> resources(Wiring w) {
        WebhooksConfig config = w.config().getWebhooks();
        WebhookService service = new WebhookService(w.jdbi(), w.outbox(), w.clock(), config.isRequireHttps(),
                config.getSecretRotationGrace().toJavaDuration());
        return List.of(new WebhookEndpointResource(service, w.clock()), new WebhookDeliveryResource(service),
                new EventResource(service));
    }

    public static Managed worker(Wiring w) {
        WebhookSettings settings = w.config().getWebhooks().toSettings();
        RateGate local = RateGate.local();
        RateGate rateGate = w.redis().<RateGate>map(redis -> new RedisRateGate(redis,
                w.config().getRedis().getKeyPrefix(), local, w.clock(), w.env().metrics())).orElse(local);
        DeliveryEngine engine = new DeliveryEngine(w.jdbi(), settings, w.clock(), new RetrySchedule(new SecureRandom()),
                new EndpointNotices(w.outbox(), w.mail()), w.env().metrics(), rateGate);
        w.env().healthChecks().register("webhook-delivery", new HealthCheck() {
            @Override
            protected Result check() {
                return engine.problem().map(Result::unhealthy).orElseGet(Result::healthy);
            }
        });
        return new WebhookWorker(new FanOut(w.jdbi(), w.clock(), WebhookWorker.FAN_OUT_BATCH), engine,
                settings.pollInterval());
    }
}
