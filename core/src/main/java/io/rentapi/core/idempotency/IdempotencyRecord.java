package io.rentapi.core.idempotency;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

public record IdempotencyRecord(OrgId orgId, String idemKey, String requestHash, String state,
                         Integer responseStatus, String responseType, String responseBody, String responseRedacted,
                         Instant lockedAt, Instant expiresAt) {
    public boolean completed() {
        return "completed".equals(state);
    }
}
