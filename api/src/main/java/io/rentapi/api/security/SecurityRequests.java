package io.rentapi.api.security;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The request bodies of the account security routes. */
public final class SecurityRequests {
    private SecurityRequests() {
    }

    public record EnableTwoFactor(@NotBlank @Size(max = 20) String code) {
    }

    public record DisableTwoFactor(@NotBlank @Size(max = 128) String password, @NotBlank @Size(max = 20) String code) {
    }

    public record ChangePassword(@NotBlank @Size(max = 128) String currentPassword,
                                 @NotBlank @Size(max = 128) String newPassword) {
    }

    public record ForgotPassword(@NotBlank @Size(max = 320) String email) {
    }

    public record ResetPassword(@NotBlank @Size(max = 200) String token, @NotBlank @Size(max = 128) String password) {
    }

    public record ChangeEmail(@NotBlank @Email @Size(max = 320) String email, @NotBlank @Size(max = 128) String password) {
    }

    public record VerifyEmail(@NotBlank @Size(max = 200) String token) {
    }

    public record OrgSecurity(@NotNull Boolean requireTwoFactor) {
    }
}
