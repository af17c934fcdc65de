package io.rentapi.api.customers;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

public final class CustomerRequests {
    private CustomerRequests() {
    }

    public record Address(@Size(max = 40) String label, @NotBlank @Size(max = 200) String line1,
                          @Size(max = 200) String line2, @Size(max = 100) String city, @Size(max = 100) String region,
                          @Size(max = 20) String postalCode,
                          @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 code such as DE") String country) {
    }

    public record Create(@NotNull CustomerType type,
                         @NotBlank @Size(max = 200) String name,
                         @Email @Size(max = 320) String email,
                         @Size(max = 50) String phone,
                         @Size(max = 10) List<@NotNull @Valid Address> addresses,
                         @Size(max = 4000) String notes,
                         Boolean blocked,
                         @Size(max = 1000) String blockedReason,
                         @Size(max = 50) Map<@Size(max = 40) String, @NotNull @Size(max = 500) String> metadata) {
    }

    /** Only the fields sent change; {@code addresses} and {@code metadata} are replaced whole. Unblocking clears the reason. */
    public record Update(CustomerType type,
                         @Size(min = 1, max = 200) String name,
                         @Email @Size(max = 320) String email,
                         @Size(max = 50) String phone,
                         @Size(max = 10) List<@NotNull @Valid Address> addresses,
                         @Size(max = 4000) String notes,
                         Boolean blocked,
                         @Size(max = 1000) String blockedReason,
                         @Size(max = 50) Map<@Size(max = 40) String, @NotNull @Size(max = 500) String> metadata) {
    }
}
