package io.rentapi.billing.payments;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

public record Refund(long id, OrgId orgId, long paymentId, long amount, String status, String providerRef,
                     String reason, Instant nextCheckAt, int checks, Instant createdAt) {
}
