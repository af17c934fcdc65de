package io.rentapi.api.orgs;

import io.rentapi.api.auth.Role;
import java.time.Instant;

public record MemberView(long userId, String object, long organizationId, String email, String name, Role role,
                         Instant createdAt) {
    public static MemberView of(Member m) {
        return new MemberView(m.userId(), "member", m.orgId().value(), m.email(), m.name(), m.role(), m.createdAt());
    }
}
