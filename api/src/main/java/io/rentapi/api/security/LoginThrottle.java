package io.rentapi.api.security;

import io.rentapi.api.config.SecurityConfig;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Failed log-ins counted per account and per source address, in the database so that every API
 * instance sees the same counts. Each lockout lasts twice the previous one, up to a ceiling; a day
 * without failures forgets the history, and a successful log-in clears the account's.
 */
public final class LoginThrottle {
    private static final Duration MEMORY = Duration.ofDays(1);

    private final Jdbi jdbi;
    private final Clock clock;
    private final SecurityConfig.Lockout account;
    private final SecurityConfig.Lockout address;

    public LoginThrottle(Jdbi jdbi, Clock clock, SecurityConfig.Lockout account, SecurityConfig.Lockout address) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.account = account;
        this.address = address;
    }

    static String accountSubject(String email) {
        return "account:" + email;
    }

    static String addressSubject(InetAddress ip) {
        return "ip:" + ip.getHostAddress();
    }

    /** Refuses the attempt while the account or the address is locked out. */
    public void check(String email, InetAddress ip) {
        List<String> subjects = new ArrayList<>(List.of(accountSubject(email)));
        if (ip != null) {
            subjects.add(addressSubject(ip));
        }
        Instant now = clock.instant();
        jdbi.onDemand(LoginThrottleDao.class).lockedUntil(subjects, now).ifPresent(until -> {
            throw new LoginLocked(Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000));
        });
    }

    /** Counts a failure; answers the end of the lockout it caused, if it caused one. */
    public Optional<Instant> failed(Handle h, String email, InetAddress ip) {
        Optional<Instant> locked = count(h, accountSubject(email), account);
        if (ip != null) {
            Optional<Instant> byAddress = count(h, addressSubject(ip), address);
            if (locked.isEmpty()) {
                locked = byAddress;
            }
        }
        return locked;
    }

    public void succeeded(Handle h, String email) {
        h.attach(LoginThrottleDao.class).clear(accountSubject(email));
    }

    public int purge() {
        return jdbi.onDemand(LoginThrottleDao.class).purge(clock.instant().minus(MEMORY));
    }

    private Optional<Instant> count(Handle h, String subject, SecurityConfig.Lockout policy) {
        LoginThrottleDao dao = h.attach(LoginThrottleDao.class);
        Instant now = clock.instant();
        dao.ensure(subject, now);
        LoginThrottleDao.Row row = dao.lock(subject);
        int lockouts = row.updatedAt().isBefore(now.minus(MEMORY)) ? 0 : row.lockouts();
        int failures = row.failures();
        Instant windowStart = row.windowStart();
        if (!windowStart.plus(policy.getWindow().toJavaDuration()).isAfter(now)) {
            failures = 0;
            windowStart = now;
        }
        failures++;
        Instant lockedUntil = row.lockedUntil();
        Optional<Instant> caused = Optional.empty();
        if (failures >= policy.getMaxFailures()) {
            Duration period = policy.getLockout().toJavaDuration().multipliedBy(1L << Math.min(lockouts, 20));
            Duration max = policy.getMaxLockout().toJavaDuration();
            lockedUntil = now.plus(period.compareTo(max) > 0 ? max : period);
            lockouts++;
            failures = 0;
            windowStart = now;
            caused = Optional.of(lockedUntil);
        }
        dao.update(subject, failures, windowStart, lockouts, lockedUntil, now);
        return caused;
    }
}
