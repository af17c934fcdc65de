package io.rentapi.api.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import io.rentapi.core.error.ApiException;
import java.nio.charset.StandardCharsets;

/** bcrypt hashing, and the password policy. */
public final class Passwords {
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 128;

    // bcrypt reads at most 72 bytes; longer passwords are pre-hashed instead of silently cut
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;
    private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LongPasswordStrategies.hashSha512(VERSION));
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(VERSION, LongPasswordStrategies.hashSha512(VERSION));
    private final int cost;
    /** Compared against when the e-mail is unknown, so that both answers take as long. */
    private final byte[] decoy;

    public Passwords(int cost) {
        this.cost = cost;
        this.decoy = hasher.hash(cost, "decoy-password-for-timing".toCharArray());
    }

    public String hash(String password) {
        return new String(hasher.hash(cost, password.toCharArray()), StandardCharsets.UTF_8);
    }

    public boolean matches(String password, String hash) {
        return verifyer.verify(password.toCharArray(), hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Spends the time a real check would, for an unknown account. */
    public void burnTime(String password) {
        verifyer.verify(password.toCharArray(), decoy);
    }

    public static void checkPolicy(String password, String email) {
        if (password.length() < MIN_LENGTH) {
            throw ApiException.invalid("password", "must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw ApiException.invalid("password", "must be at most " + MAX_LENGTH + " characters");
        }
        if (password.equalsIgnoreCase(email)) {
            throw ApiException.invalid("password", "must not be the e-mail address");
        }
        if (password.chars().distinct().count() < 4) {
            throw ApiException.invalid("password", "is too simple");
        }
    }
}
