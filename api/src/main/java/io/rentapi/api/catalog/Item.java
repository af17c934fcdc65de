package io.rentapi.api.catalog;

import io.rentapi.core.tenancy.OrgId;
import java.time.Duration;
import java.time.Instant;

/** An item as stored; rates and deposit in minor units of {@code currency}, a null rate is not offered. */
public record Item(long id, OrgId orgId, String name, String sku, String description, Long categoryId, String brand,
                   Long brandId, Long locationId, String tracking, int stock, String itemCondition, String status, String metadata,
                   String currency, Long hourlyRate, Long dailyRate, Long weeklyRate, long deposit,
                   int lateFeeGraceMinutes, long lateFeeHourlyRate, int bufferBeforeMinutes, int bufferAfterMinutes,
                   Instant createdAt, Instant updatedAt) {

    /** {@code brand} is the brand's name, read with the item; only {@code brandId} is written. */
    public Item withBrandId(Long id) {
        return new Item(this.id, orgId, name, sku, description, categoryId, brand, id, locationId, tracking, stock,
                itemCondition, status, metadata, currency, hourlyRate, dailyRate, weeklyRate, deposit,
                lateFeeGraceMinutes, lateFeeHourlyRate, bufferBeforeMinutes, bufferAfterMinutes, createdAt, updatedAt);
    }

    public boolean serialized() {
        return Tracking.SERIALIZED.value().equals(tracking);
    }

    public Duration bufferBefore() {
        return Duration.ofMinutes(bufferBeforeMinutes);
    }

    public Duration bufferAfter() {
        return Duration.ofMinutes(bufferAfterMinutes);
    }
}
