package io.rentapi.api.security;

import java.time.Instant;

/** The current code of a base32 secret, computed by the test's own RFC 6238, for tests outside this package. */
public final class Rfc6238Codes {
    private Rfc6238Codes() {
    }

    public static String now(String base32Secret) {
        return Rfc6238.code(Rfc6238.base32(base32Secret), Instant.now().getEpochSecond() / Totp.PERIOD_SECONDS, 6);
    }
}
