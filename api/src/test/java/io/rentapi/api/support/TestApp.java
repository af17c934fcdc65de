package io.rentapi.api.support;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.rentapi.api.RentapiApplication;
import io.rentapi.api.config.RentapiConfiguration;
import io.rentapi.core.db.OrgIdPlugin;
import java.net.URI;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running application for the whole test run (started on first use, stopped when the run
 * ends), on real PostgreSQL and Redis. Tests keep out of each other's way by working in
 * organizations of their own, so nothing is truncated between them.
 */
public final class TestApp implements BeforeAllCallback {
    private static volatile Running running;

    public record Running(DropwizardTestSupport<RentapiConfiguration> support, ApiClient api, URI admin, Jdbi jdbi)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            support.after();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start(context);
    }

    public static synchronized Running start(ExtensionContext context) {
        if (running == null) {
            DropwizardTestSupport<RentapiConfiguration> support = new DropwizardTestSupport<>(
                    RentapiApplication.class, "config/test.yml", shared());
            try {
                support.before();
            } catch (Exception e) {
                throw new IllegalStateException("the application did not start", e);
            }
            Jdbi jdbi = Jdbi.create(TestDatabase.jdbcUrl(), TestDatabase.USER, TestDatabase.PASSWORD);
            jdbi.installPlugin(new OrgIdPlugin());
            running = new Running(support,
                    new ApiClient(URI.create("http://127.0.0.1:" + support.getLocalPort())),
                    URI.create("http://127.0.0.1:" + support.getAdminPort()), jdbi);
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(TestApp.class, running);
        }
        return running;
    }

    /**
     * Another instance of the application, on the same database, for tests of what instances share
     * (Redis buckets, key revocation). The caller closes it.
     */
    public static Running another(ConfigOverride... overrides) {
        ConfigOverride[] all = shared(overrides);
        DropwizardTestSupport<RentapiConfiguration> support =
                new DropwizardTestSupport<>(RentapiApplication.class, "config/test.yml", all);
        try {
            support.before();
        } catch (Exception e) {
            throw new IllegalStateException("the second application did not start", e);
        }
        return new Running(support, new ApiClient(URI.create("http://127.0.0.1:" + support.getLocalPort())),
                URI.create("http://127.0.0.1:" + support.getAdminPort()), running().jdbi());
    }

    /**
     * Another instance on the same database whose time the test controls, for what depends on
     * time (lockouts, code steps, link expiry). The caller closes it.
     */
    public static Running withClock(java.time.Clock clock, ConfigOverride... overrides) {
        ConfigOverride[] all = shared(overrides);
        DropwizardTestSupport<RentapiConfiguration> support =
                new DropwizardTestSupport<>(RentapiApplication.class, "config/test.yml", all) {
                    @Override
                    public io.dropwizard.core.Application<RentapiConfiguration> newApplication() {
                        return new RentapiApplication(clock);
                    }
                };
        try {
            support.before();
        } catch (Exception e) {
            throw new IllegalStateException("the application with a controlled clock did not start", e);
        }
        return new Running(support, new ApiClient(URI.create("http://127.0.0.1:" + support.getLocalPort())),
                URI.create("http://127.0.0.1:" + support.getAdminPort()), running().jdbi());
    }

    /**
     * What every instance of a run shares, after the caller's own overrides: the run's database, its
     * Redis key prefix and its key for 2FA secrets (random per run, as the database is fresh per run).
     */
    private static ConfigOverride[] shared(ConfigOverride... overrides) {
        ConfigOverride[] all = java.util.Arrays.copyOf(overrides, overrides.length + 3);
        all[overrides.length] = ConfigOverride.config("database.url", TestDatabase.jdbcUrl());
        all[overrides.length + 1] = ConfigOverride.config("redis.keyPrefix", redisPrefix());
        all[overrides.length + 2] = ConfigOverride.config("security.totpEncryptionKey", TOTP_KEY);
        return all;
    }

    private static final String TOTP_KEY = randomKey();

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    /** Redis keys of this run only: runs sharing one Redis must not share buckets. */
    public static String redisPrefix() {
        String url = TestDatabase.jdbcUrl();
        return "rentapi-test:" + url.substring(url.lastIndexOf('/') + 1) + ":";
    }

    public static ApiClient api() {
        return running().api();
    }

    public static Jdbi jdbi() {
        return running().jdbi();
    }

    public static URI admin() {
        return running().admin();
    }

    private static Running running() {
        if (running == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(TestApp.class)");
        }
        return running;
    }
}
