package io.rentapi.api.auth;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

public record RefreshToken(long id, OrgId orgId, long userId, long familyId, Instant expiresAt, Instant usedAt,
                    Instant revokedAt) {
}
