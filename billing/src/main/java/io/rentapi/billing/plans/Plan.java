package io.rentapi.billing.plans;

/** A plan of the catalog, with the request quotas it grants each API key. */
public record Plan(long id, String code, String name, long requestsPerHour, long requestsPerDay, long burstPerSecond) {
    public static final String FREE = "free";
}
