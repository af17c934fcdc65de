package io.rentapi.api.security;

import io.rentapi.api.http.HeaderCarrying;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import java.util.Map;

/** 429 with the seconds until the next attempt is heard. */
final class LoginLocked extends ApiException implements HeaderCarrying {
    private final long retryAfterSeconds;

    LoginLocked(long retryAfterSeconds) {
        super(ErrorCode.LOGIN_LOCKED, "Too many failed log-ins; try again in " + retryAfterSeconds + " s.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
