package io.rentapi.api.security;

import java.time.Instant;

public record AccountToken(long id, long userId, String purpose, String email, Instant expiresAt, Instant usedAt) {
    public static final String EMAIL_VERIFICATION = "email_verification";
    public static final String PASSWORD_RESET = "password_reset";
}
