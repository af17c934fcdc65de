package io.rentapi.api.security;

import io.dropwizard.lifecycle.Managed;
import io.rentapi.api.Wiring;
import io.rentapi.api.audit.AuditFilter;
import io.rentapi.api.audit.AuditLog;
import io.rentapi.api.audit.AuditResource;
import io.rentapi.api.auth.AccessTokens;
import io.rentapi.api.auth.AuthService;
import io.rentapi.api.auth.Passwords;
import io.rentapi.api.command.StartupRefusedException;
import io.rentapi.api.config.AuthConfig;
import io.rentapi.api.config.SecurityConfig;
import io.rentapi.api.http.ClientAddress;
import io.rentapi.api.invitations.InvitationAcceptResource;
import io.rentapi.api.invitations.InvitationResource;
import io.rentapi.api.invitations.InvitationService;
import io.rentapi.api.mail.MailDelivery;
import io.rentapi.api.mail.MailSender;
import io.rentapi.api.mail.MailTemplates;
import io.rentapi.worker.PeriodicJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds account security from the application's wiring: its resources and filters, and its worker jobs. */
public final class SecurityWiring {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityWiring.class);
    /** How long another instance may take to notice a change of an organization's or a person's 2FA. */
    private static final Duration ENFORCEMENT_CACHE = Duration.ofSeconds(5);

    private SecurityWiring() {
    }

    /** What log-in and sign-up need; {@link io.rentapi.api.RentapiApplication} hands it to {@link AuthService}. */
    public static AccountSecurity accountSecurity(Wiring w, Passwords passwords) {
        return accountSecurity(w, passwords, user -> {
        });
    }

    private static AccountSecurity accountSecurity(Wiring w, Passwords passwords, LongConsumer twoFactorChanged) {
        SecurityConfig config = w.config().getSecurity();
        return new AccountSecurity(w.jdbi(), throttle(w), twoFactor(w, passwords, twoFactorChanged), w.mail(), w.clock(),
                config);
    }

    public static ClientAddress clientAddress(Wiring w) {
        return new ClientAddress(w.config().getHttp().getTrustedProxies());
    }

    public static List<Object> resources(Wiring w) {
        SecurityConfig config = w.config().getSecurity();
        AuthConfig authConfig = w.config().getAuth();
        Passwords passwords = new Passwords(authConfig.getBcryptCost());
        TwoFactorEnforcement enforcement = new TwoFactorEnforcement(w.jdbi(), ENFORCEMENT_CACHE);
        TwoFactor twoFactor = twoFactor(w, passwords, enforcement::userChanged);
        AccountSecurity security = accountSecurity(w, passwords, enforcement::userChanged);
        AuthService auth = new AuthService(w.jdbi(), passwords,
                new AccessTokens(authConfig.getJwtSecret(), authConfig.getAccessTokenTtl().toJavaDuration(), w.clock()),
                authConfig.getRefreshTokenTtl().toJavaDuration(), w.outbox(), w.clock(), security);
        AccountService accounts = new AccountService(w.jdbi(), passwords, auth, security, w.mail(), w.clock(), config);
        InvitationService invitations = new InvitationService(w.jdbi(), passwords, auth, security, w.mail(), w.outbox(),
                w.clock(), config.getInvitationTtl().toJavaDuration());
        return List.of(
                new AuditFilter(w.jdbi(), clientAddress(w), w.clock()),
                enforcement,
                new TwoFactorResource(twoFactor),
                new MyPasswordResource(accounts),
                new MyEmailResource(accounts),
                new PasswordResource(accounts),
                new EmailVerificationResource(accounts),
                new OrgSecurityResource(w.jdbi(), enforcement, w.clock()),
                new InvitationResource(invitations, w.clock()),
                new InvitationAcceptResource(invitations),
                new AuditResource(new AuditLog(w.jdbi())));
    }

    public static List<Managed> jobs(Wiring w) {
        SecurityConfig config = w.config().getSecurity();
        List<Managed> jobs = new ArrayList<>();
        SecurityConfig.Mail mail = config.getMail();
        if (mail.isSenderEnabled()) {
            if (mail.smtpHost().isEmpty()) {
                if (w.config().isDevelopment()) {
                    LOG.info("no SMTP server configured: mail is written to the log");
                } else {
                    LOG.warn("no SMTP server configured (security.mail.smtpHost): mail is written to the log, not sent");
                }
            }
            MailSender sender = new MailSender(w.jdbi(), new MailTemplates(), MailDelivery.of(mail), w.json(), w.clock(), mail);
            jobs.add(new PeriodicJob("mail-sender", mail.getPollInterval().toJavaDuration(), sender::sendDue));
        }
        LoginThrottle throttle = throttle(w);
        jobs.add(new PeriodicJob("account-security-purge", Duration.ofHours(1), () -> {
            throttle.purge();
            w.jdbi().useExtension(AccountDao.class, dao -> dao.purgeTokens(w.clock().instant().minus(Duration.ofDays(7))));
        }));
        return jobs;
    }

    private static LoginThrottle throttle(Wiring w) {
        SecurityConfig config = w.config().getSecurity();
        return new LoginThrottle(w.jdbi(), w.clock(), config.getAccountLockout(), config.getIpLockout());
    }

    private static TwoFactor twoFactor(Wiring w, Passwords passwords, LongConsumer changed) {
        SecurityConfig config = w.config().getSecurity();
        String key = config.getTotpEncryptionKey();
        boolean development = w.config().isDevelopment();
        if (development && (key == null || key.isBlank())) {
            key = SecurityConfig.developmentTotpKey();
        } else if (!development && SecurityConfig.developmentTotpKey().equals(key == null ? null : key.strip())) {
            throw new StartupRefusedException("security.totpEncryptionKey (TOTP_ENCRYPTION_KEY) is the development key;"
                    + " generate one with: openssl rand -base64 32");
        }
        SecretCipher cipher;
        try {
            cipher = SecretCipher.fromBase64(key, "security.totpEncryptionKey");
        } catch (IllegalArgumentException e) {
            throw new StartupRefusedException(e.getMessage() + " (TOTP_ENCRYPTION_KEY)");
        }
        return new TwoFactor(w.jdbi(), new Totp(config.getTotpIssuer()), cipher, passwords, w.mail(), w.clock(), changed);
    }
}
