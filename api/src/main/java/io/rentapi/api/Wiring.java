package io.rentapi.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import io.rentapi.api.config.RentapiConfiguration;
import io.rentapi.core.idempotency.IdempotencyStore;
import io.rentapi.core.mail.MailOutbox;
import io.rentapi.core.outbox.Outbox;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import redis.clients.jedis.RedisClient;

/** What every capability is built from; passed to each capability's wiring in {@link RentapiApplication}. */
public record Wiring(RentapiConfiguration config, Environment env, ObjectMapper json, Jdbi jdbi,
                     Optional<RedisClient> redis, Outbox outbox, MailOutbox mail, IdempotencyStore idempotency,
                     Clock clock) {
}
