package io.rentapi.api.auth;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The request bodies of the auth routes. */
public final class AuthRequests {
    private AuthRequests() {
    }

    public record Register(@NotBlank @Email @Size(max = 320) String email,
                           @NotBlank @Size(max = 128) String password,
                           @NotBlank @Size(max = 200) String name,
                           @NotBlank @Size(max = 200) String organizationName) {
    }

    /** {@code totp_code}: the authenticator's current code, or a backup code, when the account uses 2FA. */
    public record Login(@NotBlank @Size(max = 320) String email,
                        @NotBlank @Size(max = 128) String password,
                        @Positive Long organizationId,
                        @Size(max = 20) String totpCode) {
    }

    public record Refresh(@NotBlank @Size(max = 200) String refreshToken) {
    }

    public record Switch(@NotNull @Positive Long organizationId) {
    }
}
