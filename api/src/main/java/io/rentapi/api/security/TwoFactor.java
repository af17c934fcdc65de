package io.rentapi.api.security;

import io.rentapi.api.audit.AuditTrail;
import io.rentapi.api.audit.Severity;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.Passwords;
import io.rentapi.api.users.User;
import io.rentapi.api.users.UserDao;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.mail.Mail;
import io.rentapi.core.mail.MailOutbox;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** TOTP two-factor authentication of people: set-up, enabling with backup codes, checks at log-in, disabling. */
public final class TwoFactor {
    public static final int BACKUP_CODES = 10;
    private static final String BACKUP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final Totp totp;
    private final SecretCipher cipher;
    private final Passwords passwords;
    private final MailOutbox mail;
    private final Clock clock;
    private final java.util.function.LongConsumer onChange;

    public TwoFactor(Jdbi jdbi, Totp totp, SecretCipher cipher, Passwords passwords, MailOutbox mail, Clock clock,
                     java.util.function.LongConsumer onChange) {
        this.jdbi = jdbi;
        this.totp = totp;
        this.cipher = cipher;
        this.passwords = passwords;
        this.mail = mail;
        this.clock = clock;
        this.onChange = onChange;
    }

    public record Setup(String secret, String otpauthUri, String qrCodePng) {
    }

    public Setup setup(Caller caller) {
        String secret = totp.newSecret();
        User user = jdbi.inTransaction(h -> {
            User u = h.attach(UserDao.class).find(caller.userId()).orElseThrow(() -> ApiException.notFound("user"));
            TwoFactorDao dao = h.attach(TwoFactorDao.class);
            if (dao.lock(u.id()).map(TwoFactorDao.State::enabled).orElse(false)) {
                throw new ApiException(ErrorCode.TWO_FACTOR_ALREADY_ENABLED,
                        "Two-factor authentication is already on; disable it first to set up a new authenticator.");
            }
            dao.delete(u.id());
            dao.insertPending(u.id(), cipher.encrypt(secret), clock.instant());
            return u;
        });
        return new Setup(secret, totp.uri(secret, user.email()), totp.qrPngBase64(secret, user.email()));
    }

    /** Turns 2FA on with a current code; answers the backup codes, which exist only in this answer. */
    public List<String> enable(Caller caller, String code) {
        List<String> codes = newBackupCodes();
        jdbi.useTransaction(h -> {
            TwoFactorDao dao = h.attach(TwoFactorDao.class);
            TwoFactorDao.State state = dao.lock(caller.userId()).orElseThrow(() -> new ApiException(
                    ErrorCode.TWO_FACTOR_NOT_SET_UP, "Call POST /v1/me/2fa/setup first."));
            if (state.enabled()) {
                throw new ApiException(ErrorCode.TWO_FACTOR_ALREADY_ENABLED, "Two-factor authentication is already on.");
            }
            OptionalLong step = totp.verify(cipher.decrypt(state.secretEncrypted()), code, clock.instant(), state.lastStep());
            if (step.isEmpty()) {
                throw ApiException.invalid("code", "is not the authenticator's current code");
            }
            dao.enable(caller.userId(), step.getAsLong(), clock.instant());
            dao.deleteBackupCodes(caller.userId());
            dao.insertBackupCodes(caller.userId(), codes.stream().map(TwoFactor::hashBackupCode).toList());
            AuditTrail.forUser(h, clock, caller.userId(), "two_factor.enabled", Severity.INFO, null);
            notify(h, caller.userId(), "enabled");
        });
        onChange.accept(caller.userId());
        return codes;
    }

    public void disable(Caller caller, String password, String code) {
        User user = jdbi.onDemand(UserDao.class).find(caller.userId()).orElseThrow(() -> ApiException.notFound("user"));
        if (!passwords.matches(password, user.passwordHash())) {
            throw ApiException.invalid("password", "is not your password");
        }
        jdbi.useTransaction(h -> {
            TwoFactorDao dao = h.attach(TwoFactorDao.class);
            TwoFactorDao.State state = dao.lock(caller.userId()).filter(TwoFactorDao.State::enabled)
                    .orElseThrow(() -> new ApiException(ErrorCode.TWO_FACTOR_NOT_SET_UP, "Two-factor authentication is off."));
            if (!check(h, state, code)) {
                throw ApiException.invalid("code", "is neither a current code nor an unused backup code");
            }
            dao.deleteBackupCodes(caller.userId());
            dao.delete(caller.userId());
            AuditTrail.forUser(h, clock, caller.userId(), "two_factor.disabled", Severity.WARNING, null);
            notify(h, caller.userId(), "disabled");
        });
        onChange.accept(caller.userId());
    }

    public boolean isEnabled(long userId) {
        return jdbi.onDemand(TwoFactorDao.class).isEnabled(userId).orElse(false);
    }

    /** Checks a log-in's second factor, spending the code: a TOTP step or a backup code works once. */
    public boolean verify(Handle h, long userId, String code) {
        return h.attach(TwoFactorDao.class).lock(userId).filter(TwoFactorDao.State::enabled)
                .map(state -> check(h, state, code)).orElse(false);
    }

    private boolean check(Handle h, TwoFactorDao.State state, String code) {
        if (code == null) {
            return false;
        }
        TwoFactorDao dao = h.attach(TwoFactorDao.class);
        String trimmed = code.strip();
        OptionalLong step = totp.verify(cipher.decrypt(state.secretEncrypted()), trimmed, clock.instant(), state.lastStep());
        if (step.isPresent()) {
            dao.acceptStep(state.userId(), step.getAsLong());
            return true;
        }
        String normalized = normalizeBackupCode(trimmed);
        return normalized.length() == 10 && dao.useBackupCode(state.userId(), hashBackupCode(normalized), clock.instant()) == 1;
    }

    private void notify(Handle h, long userId, String change) {
        User user = h.attach(UserDao.class).find(userId).orElseThrow();
        mail.enqueue(h, new Mail(null, user.email(), "two_factor_changed",
                Map.of("name", user.name(), "change", change, "time", clock.instant().toString())));
    }

    static List<String> newBackupCodes() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < BACKUP_CODES; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                if (c == 5) {
                    code.append('-');
                }
                code.append(BACKUP_ALPHABET.charAt(RANDOM.nextInt(BACKUP_ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    static String normalizeBackupCode(String code) {
        return code.toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "");
    }

    static String hashBackupCode(String code) {
        return AccountTokens.hash("backup:" + normalizeBackupCode(code));
    }
}
