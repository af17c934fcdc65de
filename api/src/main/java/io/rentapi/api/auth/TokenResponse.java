package io.rentapi.api.auth;

/** What log-in, sign-up, refresh and switch answer. */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
                            long organizationId, long userId) {
}
