package io.rentapi.api.auth;

import io.rentapi.api.quota.QuotaLimits;
import io.rentapi.core.tenancy.OrgId;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, resolved once per request by {@link AuthenticationFilter}: a person (by access
 * token) or an API key, always acting for exactly one organization.
 */
public record Caller(OrgId orgId, long userId, Optional<Long> apiKeyId, Role role, Set<Permission> permissions,
                     Optional<QuotaLimits> quotaOverride) implements Principal {

    public static Caller user(OrgId orgId, long userId, Role role) {
        return new Caller(orgId, userId, Optional.empty(), role, role.permissions(), Optional.empty());
    }

    public boolean isApiKey() {
        return apiKeyId.isPresent();
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    @Override
    public String getName() {
        return apiKeyId.map(id -> "api_key:" + id).orElse("user:" + userId);
    }
}
