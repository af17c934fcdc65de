package io.rentapi.api.invitations;

import io.rentapi.api.auth.Role;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

public record Invitation(long id, OrgId orgId, String email, Role role, long invitedBy, Instant createdAt,
                         Instant expiresAt, Instant acceptedAt, Long acceptedBy, Instant revokedAt) {
    public String status(Instant now) {
        if (acceptedAt != null) {
            return "accepted";
        }
        if (revokedAt != null) {
            return "revoked";
        }
        return expiresAt.isAfter(now) ? "pending" : "expired";
    }
}
