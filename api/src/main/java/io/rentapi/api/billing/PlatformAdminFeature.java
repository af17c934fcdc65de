package io.rentapi.api.billing;

import io.rentapi.api.auth.Caller;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import org.jdbi.v3.core.Jdbi;

/** Checks {@link PlatformAdmin} routes against the caller's account, read on every call. */
public final class PlatformAdminFeature implements DynamicFeature {
    private final Jdbi jdbi;

    public PlatformAdminFeature(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (resource.getResourceMethod().isAnnotationPresent(PlatformAdmin.class)
                || resource.getResourceClass().isAnnotationPresent(PlatformAdmin.class)) {
            context.register(new Check(jdbi));
        }
    }

    @Priority(Priorities.AUTHORIZATION)
    private record Check(Jdbi jdbi) implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            boolean admin = request.getSecurityContext().getUserPrincipal() instanceof Caller caller
                    && !caller.isApiKey()
                    && jdbi.withHandle(h -> h.createQuery("SELECT platform_admin FROM users WHERE id = :id")
                            .bind("id", caller.userId()).mapTo(Boolean.class).findOne().orElse(false));
            if (!admin) {
                throw new ApiException(ErrorCode.NOT_FOUND, "No such route.");
            }
        }
    }
}
