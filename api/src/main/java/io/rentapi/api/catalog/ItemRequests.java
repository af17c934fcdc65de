package io.rentapi.api.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Map;

public final class ItemRequests {
    /** A week: longer buffers or grace periods are mistakes. */
    static final int MAX_MINUTES = 10_080;
    static final long MAX_AMOUNT = 100_000_000_000L;

    private ItemRequests() {
    }

    /** Rates in minor units; a rate left out is not offered. */
    public record Prices(@PositiveOrZero @Max(MAX_AMOUNT) Long hourly, @PositiveOrZero @Max(MAX_AMOUNT) Long daily,
                         @PositiveOrZero @Max(MAX_AMOUNT) Long weekly, @PositiveOrZero @Max(MAX_AMOUNT) Long deposit,
                         @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {
    }

    /** Returns later than {@code grace_minutes} after the end pay {@code hourly} per started hour late and unit. */
    public record LateFee(@PositiveOrZero @Max(MAX_MINUTES) Integer graceMinutes,
                          @PositiveOrZero @Max(MAX_AMOUNT) Long hourly) {
    }

    /** Time the item is blocked before and after each rental (transport, cleaning). */
    public record Buffer(@PositiveOrZero @Max(MAX_MINUTES) Integer beforeMinutes,
                         @PositiveOrZero @Max(MAX_MINUTES) Integer afterMinutes) {
    }

    /**
     * An item names its brand by {@code brand_id} or by {@code brand}, a name found whatever its case
     * or created; when both are sent they must agree. An empty {@code brand} on update removes it.
     */
    public record Create(@NotBlank @Size(max = 200) String name,
                         @NotBlank @Size(max = 100) String sku,
                         @Size(max = 4000) String description,
                         @NotNull Tracking tracking,
                         @PositiveOrZero @Max(1_000_000) Integer stock,
                         Long categoryId,
                         @Size(max = 200) String brand,
                         Long brandId,
                         Long locationId,
                         ItemCondition condition,
                         ItemStatus status,
                         @Size(max = 50) Map<@Size(max = 40) String, @NotNull @Size(max = 500) String> metadata,
                         @Valid Prices prices,
                         @Valid LateFee lateFee,
                         @Valid Buffer buffer) {
    }

    /** Only the fields sent change; {@code prices}, {@code late_fee}, {@code buffer} and {@code metadata} are replaced whole. */
    public record Update(@Size(min = 1, max = 200) String name,
                         @Size(min = 1, max = 100) String sku,
                         @Size(max = 4000) String description,
                         @PositiveOrZero @Max(1_000_000) Integer stock,
                         Long categoryId,
                         @Size(max = 200) String brand,
                         Long brandId,
                         Long locationId,
                         ItemCondition condition,
                         ItemStatus status,
                         @Size(max = 50) Map<@Size(max = 40) String, @NotNull @Size(max = 500) String> metadata,
                         @Valid Prices prices,
                         @Valid LateFee lateFee,
                         @Valid Buffer buffer) {
    }
}
