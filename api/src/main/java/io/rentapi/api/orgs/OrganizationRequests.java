package io.rentapi.api.orgs;

import io.rentapi.api.auth.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public final class OrganizationRequests {
    private OrganizationRequests() {
    }

    public record Create(@NotBlank @Size(max = 200) String name) {
    }

    public record Update(@NotBlank @Size(max = 200) String name) {
    }

    public record MemberUpdate(@NotNull Role role) {
    }
}
