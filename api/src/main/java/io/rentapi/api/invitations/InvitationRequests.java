package io.rentapi.api.invitations;

import io.rentapi.api.auth.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public final class InvitationRequests {
    private InvitationRequests() {
    }

    public record Create(@NotBlank @Email @Size(max = 320) String email, @NotNull Role role) {
    }

    /**
     * Accepting: {@code password} is the existing account's password, or the new account's together
     * with {@code name} when the invited address has none.
     */
    public record Accept(@NotBlank @Size(max = 200) String token, @NotBlank @Size(max = 128) String password,
                         @Size(max = 200) String name) {
    }
}
