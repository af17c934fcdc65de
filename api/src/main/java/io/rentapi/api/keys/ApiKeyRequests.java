package io.rentapi.api.keys;

import io.rentapi.api.quota.QuotaLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

public final class ApiKeyRequests {
    private ApiKeyRequests() {
    }

    public record Create(@NotBlank @Size(max = 100) String name,
                         @NotNull @NotEmpty @Size(max = 64) List<@NotBlank String> scopes,
                         @Size(max = 50) List<@NotBlank String> allowedIps,
                         Instant expiresAt,
                         @Valid QuotaLimits rateLimit) {
    }

    /** Only the fields sent change. */
    public record Update(@Size(min = 1, max = 100) String name,
                         @Size(min = 1, max = 64) List<@NotBlank String> scopes,
                         @Size(max = 50) List<@NotBlank String> allowedIps,
                         @Valid QuotaLimits rateLimit) {
    }

    public record Rotate(@PositiveOrZero @Max(604_800) Long gracePeriodSeconds) {
    }
}
