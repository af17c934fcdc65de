package io.rentapi.api.invitations;

import io.rentapi.api.auth.Role;
import java.time.Clock;
import java.time.Instant;

public record InvitationView(long id, String object, long organizationId, String email, Role role, String status,
                             long invitedBy, Instant createdAt, Instant expiresAt, Instant acceptedAt, Instant revokedAt) {
    public static InvitationView of(Invitation i, Clock clock) {
        return new InvitationView(i.id(), "invitation", i.orgId().value(), i.email(), i.role(), i.status(clock.instant()),
                i.invitedBy(), i.createdAt(), i.expiresAt(), i.acceptedAt(), i.revokedAt());
    }
}
