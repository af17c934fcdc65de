package io.rentapi.api.security;

import io.rentapi.api.audit.AuditTrail;
import io.rentapi.api.audit.Severity;
import io.rentapi.api.config.SecurityConfig;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.mail.Mail;
import io.rentapi.core.mail.MailOutbox;
import io.rentapi.core.tenancy.OrgId;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What log-in and sign-up ask of account security: lockout, the second factor, the e-mail
 * verification mail, and the security events they leave in the audit trail.
 */
public final class AccountSecurity {
    private final Jdbi jdbi;
    private final LoginThrottle throttle;
    private final TwoFactor twoFactor;
    private final MailOutbox mail;
    private final Clock clock;
    private final SecurityConfig config;

    public AccountSecurity(Jdbi jdbi, LoginThrottle throttle, TwoFactor twoFactor, MailOutbox mail, Clock clock,
                           SecurityConfig config) {
        this.jdbi = jdbi;
        this.throttle = throttle;
        this.twoFactor = twoFactor;
        this.mail = mail;
        this.clock = clock;
        this.config = config;
    }

    /** 429 {@code login_locked} with Retry-After while the account or the address is locked out. */
    public void beforeAttempt(String email, InetAddress ip) {
        throttle.check(email, ip);
    }

    /** Counts a failed attempt and records it, in a transaction of its own: the refusal must not undo it. */
    public void failed(String email, InetAddress ip, Long userId, String reason) {
        jdbi.useTransaction(h -> {
            Optional<Instant> locked = throttle.failed(h, email, ip);
            if (userId != null) {
                AuditTrail.forUser(h, clock, userId, "login.failed", Severity.WARNING, Map.of("reason", reason));
                locked.ifPresent(until -> AuditTrail.forUser(h, clock, userId, "login.locked_out", Severity.CRITICAL,
                        Map.of("locked_until", until.toString())));
            }
        });
    }

    /**
     * The second factor, when the person has turned it on: without a code the answer is
     * {@code 2fa_required}; a wrong or spent code counts as a failed log-in.
     */
    public void secondFactor(long userId, String email, InetAddress ip, String code) {
        if (!twoFactor.isEnabled(userId)) {
            return;
        }
        if (code == null || code.isBlank()) {
            throw new ApiException(ErrorCode.TWO_FACTOR_REQUIRED,
                    "This account uses two-factor authentication: send totp_code (or a backup code).");
        }
        if (!jdbi.inTransaction(h -> twoFactor.verify(h, userId, code))) {
            failed(email, ip, userId, "two_factor_code");
            throw new ApiException(ErrorCode.INVALID_TWO_FACTOR_CODE,
                    "The two-factor code is wrong, expired or already used.");
        }
    }

    public void succeeded(Handle h, String email, long userId, OrgId orgId) {
        throttle.succeeded(h, email);
        AuditTrail.security(orgId, "login.succeeded", Severity.INFO).actor(userId).target("user", userId).write(h, clock);
    }

    /** A session reused a spent refresh token: someone holds a stolen copy. */
    public void refreshTokenReused(Handle h, OrgId orgId, long userId, long family) {
        AuditTrail.security(orgId, "refresh_token.reused", Severity.CRITICAL).actor(userId).target("user", userId)
                .after(Map.of("family_revoked", true)).write(h, clock);
    }

    /** Queues the verification mail of a new account (or of a new address, which takes effect when verified). */
    public void sendVerification(Handle h, long userId, String name, String email) {
        AccountDao accounts = h.attach(AccountDao.class);
        Instant now = clock.instant();
        accounts.retireTokens(userId, AccountToken.EMAIL_VERIFICATION, now);
        String token = AccountTokens.generate();
        accounts.insertToken(userId, AccountToken.EMAIL_VERIFICATION, AccountTokens.hash(token), email, now,
                now.plus(config.getEmailVerificationTtl().toJavaDuration()));
        mail.enqueue(h, new Mail(null, email, "email_verification", Map.of(
                "name", name, "email", email, "link", link("verify-email", token),
                "expires_in", Durations.human(config.getEmailVerificationTtl().toJavaDuration()))));
    }

    public String link(String page, String token) {
        String base = config.getAppBaseUrl().endsWith("/")
                ? config.getAppBaseUrl().substring(0, config.getAppBaseUrl().length() - 1) : config.getAppBaseUrl();
        return base + "/" + page + (token.isEmpty() ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /**
     * The rule for acting on an organization's money and machines: API keys and subscriptions
     * need a verified e-mail address. Call it inside the transaction that creates them.
     */
    public static void requireVerifiedEmail(Handle h, long userId) {
        if (h.attach(AccountDao.class).emailVerifiedAt(userId).isEmpty()) {
            throw new ApiException(ErrorCode.EMAIL_NOT_VERIFIED,
                    "Verify your e-mail address first (POST /v1/me/email/verification sends the link again).");
        }
    }
}
