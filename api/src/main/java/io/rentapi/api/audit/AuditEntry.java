package io.rentapi.api.audit;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

/** One row of an organization's audit trail: a change, or a security event. */
public record AuditEntry(long id, OrgId orgId, Instant occurredAt, String category, String severity, String action,
                        String actorType, Long actorId, String targetType, String targetId, String ip,
                        String userAgent, String requestId, Integer status, String beforeState, String afterState) {
}
