package io.rentapi.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {
    /** RFC 6238 appendix B's seed for SHA-1. */
    private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private final Totp totp = new Totp("rentapi-test");

    @ParameterizedTest(name = "T = {0}")
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    void ourCodesAreTheRfcTestVectors(long unixTime, String rfcCode) {
        long step = Totp.stepOf(Instant.ofEpochSecond(unixTime));
        assertThat(Rfc6238.code(SEED, step, 8)).as("the test's own RFC 6238").isEqualTo(rfcCode);
        // six digits are the low six of the eight: the same truncation, modulo 10^6
        assertThat(totp.codeAt(Rfc6238.base32(SEED), step)).isEqualTo(rfcCode.substring(2));
        assertThat(totp.verify(Rfc6238.base32(SEED), rfcCode.substring(2), Instant.ofEpochSecond(unixTime), 0))
                .hasValue(step);
    }

    @Test
    void aCodeIsAcceptedOneStepEitherSideAndNeverForAnAcceptedStep() {
        String secret = totp.newSecret();
        Instant now = Instant.parse("2026-01-01T12:00:10Z");
        long step = Totp.stepOf(now);
        String previous = Rfc6238.code(Rfc6238.base32(secret), step - 1, 6);
        String next = Rfc6238.code(Rfc6238.base32(secret), step + 1, 6);
        String old = Rfc6238.code(Rfc6238.base32(secret), step - 2, 6);
        assertThat(totp.verify(secret, previous, now, 0)).hasValue(step - 1);
        assertThat(totp.verify(secret, next, now, 0)).hasValue(step + 1);
        assertThat(totp.verify(secret, old, now, 0)).isEmpty();
        assertThat(totp.verify(secret, previous, now, step - 1)).as("replayed step").isEmpty();
        assertThat(totp.verify(secret, "12345", now, 0)).isEmpty();
        assertThat(totp.verify(secret, null, now, 0)).isEmpty();
    }

    @Test
    void secretsAreEncryptedWithAesGcmAndTamperingIsDetected() {
        SecretCipher cipher = new SecretCipher(new byte[32]);
        String stored = cipher.encrypt("JBSWY3DPEHPK3PXP");
        assertThat(stored).startsWith("v1:").doesNotContain("JBSWY3DPEHPK3PXP");
        assertThat(cipher.encrypt("JBSWY3DPEHPK3PXP")).as("a fresh nonce each time").isNotEqualTo(stored);
        assertThat(cipher.decrypt(stored)).isEqualTo("JBSWY3DPEHPK3PXP");

        byte[] raw = Base64.getDecoder().decode(stored.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> cipher.decrypt(tampered)).isInstanceOf(IllegalStateException.class);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThatThrownBy(() -> new SecretCipher(otherKey).decrypt(stored)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theOtpauthUriAndQrCodeDescribeTheSecret() {
        String secret = totp.newSecret();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(totp.uri(secret, "ada@example.com"))
                .startsWith("otpauth://totp/").contains("secret=" + secret).contains("issuer=rentapi-test")
                .contains("digits=6").contains("period=30");
        byte[] png = Base64.getDecoder().decode(totp.qrPngBase64(secret, "ada@example.com"));
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }
}
