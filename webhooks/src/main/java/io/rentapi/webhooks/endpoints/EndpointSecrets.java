package io.rentapi.webhooks.endpoints;

import java.security.SecureRandom;
import java.util.Base64;

/** Signing secrets in the Standard Webhooks form: {@code whsec_} and the base64 of random bytes. */
public final class EndpointSecrets {
    public static final String PREFIX = "whsec_";
    /** 32 bytes, the HMAC-SHA256 block's worth of key; the specification allows 24 to 64. */
    private static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EndpointSecrets() {
    }

    public static String generate() {
        byte[] key = new byte[BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    public static byte[] decode(String secret) {
        return Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
    }
}
