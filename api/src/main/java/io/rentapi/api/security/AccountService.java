package io.rentapi.api.security;

import io.rentapi.api.audit.AuditTrail;
import io.rentapi.api.audit.Severity;
import io.rentapi.api.auth.AuthService;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.Passwords;
import io.rentapi.api.auth.TokenResponse;
import io.rentapi.api.config.SecurityConfig;
import io.rentapi.api.users.User;
import io.rentapi.api.users.UserDao;
import io.rentapi.core.db.SqlErrors;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.mail.Mail;
import io.rentapi.core.mail.MailOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Passwords (change, forgotten, reset) and e-mail addresses (verification, change). */
public final class AccountService {
    private static final java.time.Duration RESEND_INTERVAL = java.time.Duration.ofMinutes(1);
    private final Jdbi jdbi;
    private final Passwords passwords;
    private final AuthService auth;
    private final AccountSecurity security;
    private final MailOutbox mail;
    private final Clock clock;
    private final SecurityConfig config;

    public AccountService(Jdbi jdbi, Passwords passwords, AuthService auth, AccountSecurity security, MailOutbox mail,
                          Clock clock, SecurityConfig config) {
        this.jdbi = jdbi;
        this.passwords = passwords;
        this.auth = auth;
        this.security = security;
        this.mail = mail;
        this.clock = clock;
        this.config = config;
    }

    /** Changes the password and ends every session; answers a new session for the caller. */
    public TokenResponse changePassword(Caller caller, String current, String next) {
        User user = user(caller.userId());
        if (!passwords.matches(current, user.passwordHash())) {
            throw ApiException.invalid("current_password", "is not your password");
        }
        Passwords.checkPolicy(next, user.email());
        String hash = passwords.hash(next);
        return jdbi.inTransaction(h -> {
            Instant now = clock.instant();
            AccountDao accounts = h.attach(AccountDao.class);
            accounts.changePassword(user.id(), hash, now);
            accounts.revokeSessions(user.id(), now);
            AuditTrail.forUser(h, clock, user.id(), "password.changed", Severity.INFO, null);
            passwordChangedMail(h, user);
            return auth.startSession(h, user.id(), caller.orgId());
        });
    }

    /**
     * Mails a reset link when the address has an account; says nothing either way. At most one
     * link a minute, so the route cannot be used to flood someone's mailbox.
     */
    public void forgotPassword(String email) {
        Optional<User> found = jdbi.onDemand(UserDao.class).findByEmail(AuthService.normalizeEmail(email));
        found.ifPresent(user -> jdbi.useTransaction(h -> {
            AccountDao accounts = h.attach(AccountDao.class);
            Instant now = clock.instant();
            if (accounts.lastTokenAt(user.id(), AccountToken.PASSWORD_RESET).filter(t -> t.isAfter(now.minus(RESEND_INTERVAL)))
                    .isPresent()) {
                return;
            }
            accounts.retireTokens(user.id(), AccountToken.PASSWORD_RESET, now);
            String token = AccountTokens.generate();
            accounts.insertToken(user.id(), AccountToken.PASSWORD_RESET, AccountTokens.hash(token), user.email(), now,
                    now.plus(config.getPasswordResetTtl().toJavaDuration()));
            AuditTrail.forUser(h, clock, user.id(), "password.reset_requested", Severity.INFO, null);
            mail.enqueue(h, new Mail(null, user.email(), "password_reset", Map.of("name", user.name(),
                    "link", security.link("reset-password", token),
                    "expires_in", Durations.human(config.getPasswordResetTtl().toJavaDuration()))));
        }));
    }

    public void resetPassword(String token, String password) {
        String hash = AccountTokens.hash(token);
        // the policy needs the address and bcrypt is slow: both before the transaction
        User owner = jdbi.onDemand(AccountDao.class).tokenOwner(hash, AccountToken.PASSWORD_RESET)
                .flatMap(id -> jdbi.onDemand(UserDao.class).find(id)).orElseThrow(AccountService::invalidToken);
        Passwords.checkPolicy(password, owner.email());
        String passwordHash = passwords.hash(password);
        jdbi.useTransaction(h -> {
            AccountToken t = usable(h, hash, AccountToken.PASSWORD_RESET);
            Instant now = clock.instant();
            AccountDao accounts = h.attach(AccountDao.class);
            accounts.useToken(t.id(), now);
            accounts.changePassword(t.userId(), passwordHash, now);
            // the link reached the mailbox, so the address is proven too
            accounts.markEmailVerified(t.userId(), now);
            accounts.revokeSessions(t.userId(), now);
            h.attach(LoginThrottleDao.class).clear(LoginThrottle.accountSubject(owner.email()));
            AuditTrail.forUser(h, clock, t.userId(), "password.reset", Severity.WARNING, null);
            passwordChangedMail(h, owner);
        });
    }

    public void resendVerification(Caller caller) {
        jdbi.useTransaction(h -> {
            User user = h.attach(UserDao.class).find(caller.userId()).orElseThrow(() -> ApiException.notFound("user"));
            if (h.attach(AccountDao.class).emailVerifiedAt(user.id()).isEmpty()) {
                security.sendVerification(h, user.id(), user.name(), user.email());
            }
        });
    }

    /** The new address takes effect when its verification link is followed. */
    public void changeEmail(Caller caller, String newEmail, String password) {
        User user = user(caller.userId());
        if (!passwords.matches(password, user.passwordHash())) {
            throw ApiException.invalid("password", "is not your password");
        }
        String email = AuthService.normalizeEmail(newEmail);
        jdbi.useTransaction(h -> {
            if (h.attach(AccountDao.class).countWithEmail(email) > 0) {
                throw new ApiException(ErrorCode.EMAIL_TAKEN, "Another account uses this address.");
            }
            security.sendVerification(h, user.id(), user.name(), email);
            AuditTrail.forUser(h, clock, user.id(), "email.change_requested", Severity.INFO, Map.of("new_email", email));
        });
    }

    public void verifyEmail(String token) {
        try {
            jdbi.useTransaction(h -> {
                AccountToken t = usable(h, AccountTokens.hash(token), AccountToken.EMAIL_VERIFICATION);
                Instant now = clock.instant();
                AccountDao accounts = h.attach(AccountDao.class);
                User user = h.attach(UserDao.class).find(t.userId()).orElseThrow(AccountService::invalidToken);
                accounts.useToken(t.id(), now);
                if (user.email().equals(t.email())) {
                    accounts.markEmailVerified(user.id(), now);
                    AuditTrail.forUser(h, clock, user.id(), "email.verified", Severity.INFO, null);
                } else {
                    accounts.changeEmail(user.id(), t.email(), now);
                    AuditTrail.forUser(h, clock, user.id(), "email.changed", Severity.WARNING,
                            Map.of("before", user.email(), "after", t.email()));
                }
            });
        } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new ApiException(ErrorCode.EMAIL_TAKEN, "Another account took this address meanwhile.");
            }
            throw e;
        }
    }

    private AccountToken usable(Handle h, String hash, String purpose) {
        AccountToken t = h.attach(AccountDao.class).lockToken(hash, purpose).orElseThrow(AccountService::invalidToken);
        if (t.usedAt() != null || !t.expiresAt().isAfter(clock.instant())) {
            throw invalidToken();
        }
        return t;
    }

    private void passwordChangedMail(Handle h, User user) {
        mail.enqueue(h, new Mail(null, user.email(), "password_changed",
                Map.of("name", user.name(), "time", clock.instant().toString(),
                        "forgot_link", security.link("forgot-password", ""))));
    }

    private User user(long id) {
        return jdbi.onDemand(UserDao.class).find(id).orElseThrow(() -> ApiException.notFound("user"));
    }

    private static ApiException invalidToken() {
        return new ApiException(ErrorCode.INVALID_ACCOUNT_TOKEN,
                "This link is invalid, expired or already used; ask for a new one.");
    }
}
