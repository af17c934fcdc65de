package io.rentapi.api.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;

public record ItemView(long id, String object, String name, String sku, String description, Long categoryId,
                       String brand, Long brandId, Long locationId, Tracking tracking, int stock, ItemCondition condition,
                       ItemStatus status, Map<String, String> metadata, PricesView prices, LateFeeView lateFee,
                       BufferView buffer, Instant createdAt, Instant updatedAt) {

    public record PricesView(Long hourly, Long daily, Long weekly, long deposit, String currency) {
    }

    public record LateFeeView(int graceMinutes, long hourly) {
    }

    public record BufferView(int beforeMinutes, int afterMinutes) {
    }

    public static ItemView of(Item i, ObjectMapper json) {
        return new ItemView(i.id(), "item", i.name(), i.sku(), i.description(), i.categoryId(), i.brand(),
                i.brandId(), i.locationId(), Tracking.parse(i.tracking()), i.stock(), ItemCondition.parse(i.itemCondition()),
                ItemStatus.parse(i.status()), Metadata.read(i.metadata(), json),
                new PricesView(i.hourlyRate(), i.dailyRate(), i.weeklyRate(), i.deposit(), i.currency()),
                new LateFeeView(i.lateFeeGraceMinutes(), i.lateFeeHourlyRate()),
                new BufferView(i.bufferBeforeMinutes(), i.bufferAfterMinutes()), i.createdAt(), i.updatedAt());
    }
}
