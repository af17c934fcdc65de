package io.rentapi.api.rentals;

import io.rentapi.api.catalog.ItemCondition;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

public final class RentalRequests {
    private RentalRequests() {
    }

    /** {@code quantity} is for bulk items (default 1); a serialized item is always one unit. */
    public record Line(@NotNull Long itemId, @Positive @Max(1_000_000) Integer quantity) {
    }

    public record Create(@NotNull Long customerId,
                         @NotNull @Schema(format = "date-time") String startsAt,
                         @NotNull @Schema(format = "date-time", description = "exclusive") String endsAt,
                         @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Line> lines,
                         @Size(max = 4000) String notes) {
    }

    /** The items' condition as they leave (default: as recorded on the item). */
    public record CheckOut(ItemCondition condition, @Size(max = 4000) String notes) {
    }

    /** The items' condition as they come back, damage notes, and a damage charge in minor units. */
    public record Return(ItemCondition condition, @Size(max = 4000) String notes,
                         @PositiveOrZero @Max(100_000_000_000L) Long damageCharge) {
    }

    public record Cancel(@Size(max = 1000) String reason) {
    }
}
