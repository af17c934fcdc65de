package io.rentapi.api.analytics;

/** Seconds an item was booked in a range, and how many units it has (1 for a serialized item). */
public record ItemUsage(long itemId, String name, String sku, String tracking, int units, double bookedSeconds) {
}
