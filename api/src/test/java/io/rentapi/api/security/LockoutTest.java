package io.rentapi.api.security;

import static io.rentapi.api.support.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.MutableClock;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Failed log-ins lock the account and the address out for a growing period; time is the test's to move. */
@ExtendWith(TestApp.class)
class LockoutTest {
    private static MutableClock clock;
    private static TestApp.Running timed;

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.now());
        timed = TestApp.withClock(clock,
                ConfigOverride.config("security.accountLockout.maxFailures", "5"),
                ConfigOverride.config("security.accountLockout.window", "15m"),
                ConfigOverride.config("security.accountLockout.lockout", "5m"),
                ConfigOverride.config("security.ipLockout.maxFailures", "8"),
                ConfigOverride.config("security.ipLockout.window", "15m"),
                ConfigOverride.config("security.ipLockout.lockout", "1m"));
    }

    @AfterAll
    static void stop() {
        timed.close();
    }

    /** Each test speaks from an address of its own (the suite's configuration trusts 127.0.0.1 as a proxy). */
    private static String address() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198.51." + r.nextInt(0, 256) + "." + r.nextInt(1, 255);
    }

    private static ApiResponse login(String from, String email, String password) {
        return timed.api().call("POST", "/v1/auth/login").header("X-Forwarded-For", from)
                .json(object("email", email, "password", password)).send();
    }

    @Test
    void fiveFailuresLockTheAccountWithRetryAfterUntilThePeriodEnds() {
        Tenant t = Tenants.register();
        String from = address();
        for (int i = 0; i < 5; i++) {
            assertThat(login(from, t.email(), "wrong password " + i).code()).isEqualTo("invalid_credentials");
        }
        ApiResponse locked = login(from, t.email(), Tenants.PASSWORD);
        assertThat(locked.status()).as("even the right password waits").isEqualTo(429);
        assertThat(locked.code()).isEqualTo("login_locked");
        assertThat(locked.header("Retry-After")).isEqualTo("300");
        assertThat(login(address(), t.email(), Tenants.PASSWORD).status()).as("from anywhere").isEqualTo(429);

        clock.advance(Duration.ofSeconds(299));
        assertThat(login(from, t.email(), Tenants.PASSWORD).header("Retry-After")).isEqualTo("1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(login(from, t.email(), Tenants.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void eachFurtherLockoutLastsTwiceAsLong() {
        Tenant t = Tenants.register();
        String from = address();
        for (int i = 0; i < 5; i++) {
            login(from, t.email(), "wrong");
        }
        assertThat(login(from, t.email(), Tenants.PASSWORD).header("Retry-After")).isEqualTo("300");
        clock.advance(Duration.ofMinutes(5));
        String elsewhere = address(); // the first address is near its own limit
        for (int i = 0; i < 5; i++) {
            assertThat(login(elsewhere, t.email(), "wrong").status()).isEqualTo(401);
        }
        assertThat(login(elsewhere, t.email(), Tenants.PASSWORD).header("Retry-After")).isEqualTo("600");
        clock.advance(Duration.ofMinutes(10));
        assertThat(login(elsewhere, t.email(), Tenants.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aSuccessfulLogInResetsTheCountAndOldFailuresExpireWithTheWindow() {
        Tenant t = Tenants.register();
        String from = address();
        for (int i = 0; i < 4; i++) {
            login(from, t.email(), "wrong");
        }
        assertThat(login(from, t.email(), Tenants.PASSWORD).status()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            login(address(), t.email(), "wrong");
        }
        clock.advance(Duration.ofMinutes(16));
        for (int i = 0; i < 4; i++) {
            login(address(), t.email(), "wrong");
        }
        assertThat(login(from, t.email(), Tenants.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void oneAddressFailingAcrossManyAccountsIsLockedOutForEveryAccount() {
        String from = address();
        for (int i = 0; i < 8; i++) {
            assertThat(login(from, "nobody-" + UUID.randomUUID() + "@example.com", "guess").status()).isEqualTo(401);
        }
        Tenant t = Tenants.register();
        ApiResponse locked = login(from, t.email(), Tenants.PASSWORD);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isEqualTo("60");
        assertThat(login(address(), t.email(), Tenants.PASSWORD).status()).as("another address").isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        assertThat(login(from, t.email(), Tenants.PASSWORD).status()).isEqualTo(200);
    }
}
