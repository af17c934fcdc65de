package io.rentapi.api.webhooks;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

public final class WebhookRequests {
    private WebhookRequests() {
    }

    /**
     * @param eventTypes exact types ({@code rental.created}) and wildcards ({@code rental.*}); empty or absent: all
     * @param rateLimit  most deliveries per second to this endpoint; absent: as fast as it answers
     */
    public record Create(@NotBlank @Size(max = 2048) String url,
                         @Size(max = 500) String description,
                         @Size(max = 100) List<@NotBlank String> eventTypes,
                         Boolean enabled,
                         @Min(1) @Max(10_000) Integer rateLimit) {
    }

    /** Only the fields sent change. */
    public record Update(@Size(min = 1, max = 2048) String url,
                         @Size(max = 500) String description,
                         @Size(max = 100) List<@NotBlank String> eventTypes,
                         Boolean enabled,
                         @Min(1) @Max(10_000) Integer rateLimit) {
    }
}
