package io.rentapi.api.security;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * RFC 6238 codes (SHA-1, 6 digits, 30-second steps, as every authenticator app does) through
 * java-totp. Verification answers the time step a code belongs to, so the caller can refuse a step
 * it has already accepted: a code works once.
 */
public final class Totp {
    public static final int PERIOD_SECONDS = 30;
    public static final int DIGITS = 6;
    /** One step either side: the phone's clock and ours may disagree by up to 30 seconds. */
    private static final int DRIFT_STEPS = 1;

    private final DefaultCodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);
    private final DefaultSecretGenerator secrets = new DefaultSecretGenerator(32);
    private final String issuer;

    public Totp(String issuer) {
        this.issuer = issuer;
    }

    public String newSecret() {
        return secrets.generate();
    }

    public static long stepOf(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), PERIOD_SECONDS);
    }

    public String codeAt(String base32Secret, long step) {
        try {
            return generator.generate(base32Secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("cannot compute a TOTP code", e);
        }
    }

    /** The step of the newest code matching {@code code} that is later than {@code after}, if any. */
    public OptionalLong verify(String base32Secret, String code, Instant now, long after) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long current = stepOf(now);
        for (long step = current + DRIFT_STEPS; step >= current - DRIFT_STEPS; step--) {
            if (step > after && MessageDigest.isEqual(codeAt(base32Secret, step).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    public String uri(String secret, String account) {
        return qr(secret, account).getUri();
    }

    /** The QR code of the otpauth URI, as a PNG in base64. */
    public String qrPngBase64(String secret, String account) {
        try {
            return Base64.getEncoder().encodeToString(new ZxingPngQrGenerator().generate(qr(secret, account)));
        } catch (QrGenerationException e) {
            throw new IllegalStateException("cannot draw the QR code", e);
        }
    }

    private QrData qr(String secret, String account) {
        return new QrData.Builder().label(account).secret(secret).issuer(issuer)
                .algorithm(HashingAlgorithm.SHA1).digits(DIGITS).period(PERIOD_SECONDS).build();
    }
}
