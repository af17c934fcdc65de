package io.rentapi.api.security;

import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets at rest (TOTP secrets): {@code v1:<base64(12-byte nonce || ciphertext+tag)>}.
 * The version prefix leaves room for a key rotation.
 */
public final class SecretCipher {
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    public SecretCipher(byte[] key) {
        if (key != null && key.length != 32) {
            throw new IllegalArgumentException("the encryption key must be 32 bytes (AES-256)");
        }
        this.key = key == null ? null : new SecretKeySpec(key, "AES");
    }

    /**
     * The key from configuration: base64 of 32 bytes. Without one the product still runs, and
     * whatever needs the key answers 503 until it is configured.
     */
    public static SecretCipher fromBase64(String key, String setting) {
        if (key == null || key.isBlank()) {
            return new SecretCipher(null);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key == null ? "" : key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(setting + " must be base64 of 32 random bytes: openssl rand -base64 32");
        }
        return new SecretCipher(bytes);
    }

    private void requireKey() {
        if (key == null) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                    "Two-factor authentication is not configured on this server (security.totpEncryptionKey).");
        }
    }

    public String encrypt(String plain) {
        requireKey();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public String decrypt(String stored) {
        requireKey();
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("unknown secret format");
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored secret cannot be decrypted with the configured key", e);
        }
    }
}
