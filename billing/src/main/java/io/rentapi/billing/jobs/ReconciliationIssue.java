package io.rentapi.billing.jobs;

import java.time.Instant;

/** A disagreement between a provider's records and ours, for a platform admin to look into. */
public record ReconciliationIssue(long id, String provider, String providerRef, String kind, String detail,
                                  Instant createdAt, Instant resolvedAt) {
}
