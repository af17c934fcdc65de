package io.rentapi.api.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rentapi.api.http.ApiJson;
import io.rentapi.api.support.TestApp;
import io.rentapi.billing.BillingEngine;
import io.rentapi.billing.gateway.Gateways;
import io.rentapi.billing.gateway.PaymentGateway;
import io.rentapi.billing.plans.Plans;
import io.rentapi.core.mail.MailOutbox;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Billing as the worker builds it, on the test database, with a clock the test controls: what the
 * renewal, dunning and reconciliation jobs do when periods end is run by the test, not waited for.
 */
final class TestBilling {
    static final ObjectMapper JSON = ApiJson.configure(ApiJson.newMapper());
    static final List<Duration> RETRIES = List.of(Duration.ofDays(3), Duration.ofDays(5), Duration.ofDays(7));
    static final Duration BUYER_ACTION_TIMEOUT = Duration.ofDays(7);

    private static Jdbi jdbi;

    private TestBilling() {
    }

    /** A connection factory of its own on the test database, as a worker process has. */
    static Jdbi newJdbi() {
        var pool = new org.apache.tomcat.jdbc.pool.DataSource();
        pool.setUrl(io.rentapi.api.support.TestDatabase.jdbcUrl());
        pool.setUsername(env("DATABASE_USER", "postgres"));
        pool.setPassword(env("DATABASE_PASSWORD", "postgres"));
        pool.setMaxActive(8);
        Jdbi created = Jdbi.create(pool);
        created.installPlugin(new org.jdbi.v3.sqlobject.SqlObjectPlugin());
        created.installPlugin(new io.rentapi.core.db.OrgIdPlugin());
        return created;
    }

    static synchronized Jdbi jdbi() {
        if (jdbi == null) {
            jdbi = newJdbi();
        }
        return jdbi;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static BillingEngine engine(Jdbi jdbi, Clock clock, PaymentGateway... gateways) {
        return new BillingEngine(jdbi, new Outbox(JSON, clock), new MailOutbox(JSON, clock), clock,
                new Gateways(List.of(gateways)), 0, RETRIES, "manual",
                BUYER_ACTION_TIMEOUT);
    }

    static BillingEngine engine(Clock clock, PaymentGateway... gateways) {
        return engine(jdbi(), clock, gateways);
    }

    static String planOf(OrgId orgId) {
        return new Plans(jdbi()).planOf(orgId).code();
    }

    static List<String> events(OrgId orgId) {
        return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT type FROM events WHERE org_id = :org ORDER BY id")
                .bind("org", orgId).mapTo(String.class).list());
    }

    static List<String> mails(OrgId orgId) {
        return TestApp.jdbi().withHandle(h -> h.createQuery(
                        "SELECT template FROM mail_outbox WHERE org_id = :org ORDER BY id")
                .bind("org", orgId.value()).mapTo(String.class).list());
    }

    static <T> List<T> column(OrgId orgId, String sql, Class<T> type) {
        return TestApp.jdbi().withHandle(h -> h.createQuery(sql).bind("org", orgId).mapTo(type).list());
    }

    static <T> T value(OrgId orgId, String sql, Class<T> type) {
        return TestApp.jdbi().withHandle(h -> h.createQuery(sql).bind("org", orgId).mapTo(type).one());
    }
}
