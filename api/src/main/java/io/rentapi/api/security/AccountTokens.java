package io.rentapi.api.security;

import io.rentapi.api.keys.ApiKeySecrets;
import java.security.SecureRandom;
import java.util.Base64;

/** The secrets in mailed links: 32 random bytes, base64url; only their SHA-256 is stored. */
public final class AccountTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AccountTokens() {
    }

    public static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public static String hash(String token) {
        return ApiKeySecrets.sha256(token);
    }
}
