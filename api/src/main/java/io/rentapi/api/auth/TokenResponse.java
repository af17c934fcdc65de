package io.rentapi.api.auth;

import io.rentapi.api.http.Credential;

/** What log-in, sign-up, refresh and switch answer. */
public record TokenResponse(@Credential String accessToken, String tokenType, long expiresIn, @Credential String refreshToken,
                            long organizationId, long userId) {
}
