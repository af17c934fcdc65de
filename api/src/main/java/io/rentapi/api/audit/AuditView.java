package io.rentapi.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;

/** An audit entry as org admins read it. */
public record AuditView(long id, String object, long organizationId, Instant occurredAt, String category,
                        String severity, String action, Actor actor, Target target, String ip, String userAgent,
                        String requestId, Integer status, JsonNode before, JsonNode after) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Actor(String type, Long id) {
    }

    public record Target(String type, String id) {
    }

    public static AuditView of(AuditEntry e) {
        return new AuditView(e.id(), "audit_entry", e.orgId().value(), e.occurredAt(), e.category(), e.severity(),
                e.action(), new Actor(e.actorType(), e.actorId()),
                e.targetType() == null && e.targetId() == null ? null : new Target(e.targetType(), e.targetId()),
                e.ip(), e.userAgent(), e.requestId(), e.status(), tree(e.beforeState()), tree(e.afterState()));
    }

    private static JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }
}
