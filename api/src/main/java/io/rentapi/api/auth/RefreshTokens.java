package io.rentapi.api.auth;

import io.rentapi.core.tenancy.OrgId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Opaque refresh tokens: {@code rt_<org id>_<32 random bytes, base64url>}. The organization in the
 * clear lets the lookup stay tenant-scoped; only the SHA-256 of the whole token is stored.
 */
final class RefreshTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RefreshTokens() {
    }

    record Parsed(OrgId orgId, String hash) {
    }

    static String generate(OrgId orgId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "rt_" + orgId.value() + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static Optional<Parsed> parse(String token) {
        String[] parts = token.split("_", 3);
        if (parts.length != 3 || !parts[0].equals("rt") || parts[2].length() != 43) {
            return Optional.empty();
        }
        try {
            long org = Long.parseLong(parts[1]);
            return org > 0 ? Optional.of(new Parsed(new OrgId(org), sha256(token))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long newFamily() {
        return RANDOM.nextLong(1, Long.MAX_VALUE);
    }
}
