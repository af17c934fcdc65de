package io.rentapi.api.analytics;

/** One period and currency: the bucket number (see {@link AnalyticsService}), rentals started in it and their amounts. */
public record RevenueRow(long bucket, String currency, long rentals, long rentalRevenue, long fees) {
}
