package io.rentapi.core.idempotency;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

record IdempotencyRecord(OrgId orgId, String idemKey, String requestHash, String state,
                         Integer responseStatus, String responseType, String responseBody,
                         Instant lockedAt, Instant expiresAt) {
    boolean completed() {
        return "completed".equals(state);
    }
}
