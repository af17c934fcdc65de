package io.rentapi.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.rentapi.api.auth.Caller;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.tenancy.OrgId;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * An organization that requires 2FA lets a person without it do nothing but their own account
 * business (set up 2FA, change password, switch organization). Both facts are cached briefly, so
 * the check costs two map lookups per request; changes made on this instance apply at once.
 */
public final class TwoFactorEnforcement implements DynamicFeature {
    private static final List<String> EXEMPT = List.of("/v1/me", "/v1/auth", "/v1/orgs", "/v1/invitations", "/v1/openapi", "/docs");

    private final Jdbi jdbi;
    private final Cache<OrgId, Boolean> orgRequires;
    private final Cache<Long, Boolean> userEnabled;

    public TwoFactorEnforcement(Jdbi jdbi, Duration cacheTtl) {
        this.jdbi = jdbi;
        this.orgRequires = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(100_000).build();
        this.userEnabled = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(100_000).build();
    }

    public void organizationChanged(OrgId orgId) {
        orgRequires.invalidate(orgId);
    }

    public void userChanged(long userId) {
        userEnabled.invalidate(userId);
    }

    public void allUsersChanged() {
        userEnabled.invalidateAll();
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Path onClass = resource.getResourceClass().getAnnotation(Path.class);
        Path onMethod = resource.getResourceMethod().getAnnotation(Path.class);
        String path = (onClass == null ? "" : onClass.value()) + (onMethod == null ? "" : "/" + onMethod.value());
        String normalized = path.replaceAll("/+", "/");
        if (EXEMPT.stream().noneMatch(normalized::startsWith)) {
            context.register(new Check());
        }
    }

    @Priority(Priorities.AUTHORIZATION + 5)
    private final class Check implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            if (!(request.getSecurityContext().getUserPrincipal() instanceof Caller caller) || caller.isApiKey()) {
                return;
            }
            boolean required = orgRequires.get(caller.orgId(),
                    org -> jdbi.onDemand(OrgSecurityDao.class).requiresTwoFactor(org));
            if (required && !userEnabled.get(caller.userId(),
                    user -> jdbi.onDemand(TwoFactorDao.class).isEnabled(user).orElse(false))) {
                throw new ApiException(ErrorCode.TWO_FACTOR_ENROLLMENT_REQUIRED,
                        "This organization requires two-factor authentication: set it up with POST /v1/me/2fa/setup.");
            }
        }
    }
}
