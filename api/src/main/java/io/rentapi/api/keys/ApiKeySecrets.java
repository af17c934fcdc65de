package io.rentapi.api.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * API key secrets: {@code sk_live_} or {@code sk_test_}, 44 random base62 characters (262 bits),
 * and a 6-character base62 CRC32 of all before it, so that secret scanners can recognise a leaked
 * key offline and typos are refused without a database lookup.
 */
public final class ApiKeySecrets {
    public static final String LIVE = "sk_live_";
    public static final String TEST = "sk_test_";
    static final int RANDOM_LENGTH = 44;
    static final int CHECKSUM_LENGTH = 6;
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    public record Secret(String value, String hash, String prefix, String last4) {
        @Override
        public String toString() {
            return prefix + "…" + last4; // never the secret, whoever logs this
        }
    }

    public static Secret generate(String prefix) {
        StringBuilder key = new StringBuilder(prefix);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            key.append(BASE62[RANDOM.nextInt(BASE62.length)]);
        }
        key.append(checksum(key));
        String value = key.toString();
        return new Secret(value, sha256(value), prefix, value.substring(value.length() - 4));
    }

    /** Shape and checksum only; says nothing about whether the key exists. */
    public static boolean wellFormed(String candidate) {
        if (candidate == null || candidate.length() != LIVE.length() + RANDOM_LENGTH + CHECKSUM_LENGTH
                || !(candidate.startsWith(LIVE) || candidate.startsWith(TEST))) {
            return false;
        }
        for (int i = LIVE.length(); i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        int split = candidate.length() - CHECKSUM_LENGTH;
        return checksum(candidate.substring(0, split)).equals(candidate.substring(split));
    }

    private static final HexFormat HEX = HexFormat.of();
    /** Looking the algorithm up costs more than hashing a key; each thread keeps its own instance. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    public static String sha256(String value) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        return HEX.formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String checksum(CharSequence body) {
        CRC32 crc = new CRC32();
        crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = BASE62[(int) (value % 62)];
            value /= 62;
        }
        return new String(out);
    }
}
