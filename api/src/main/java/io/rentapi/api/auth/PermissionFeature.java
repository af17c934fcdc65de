package io.rentapi.api.auth;

import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

/** Binds a permission check to every route annotated with {@link RequiresPermission}, and {@link PeopleOnly}. */
public final class PermissionFeature implements DynamicFeature {
    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        RequiresPermission required = resource.getResourceMethod().getAnnotation(RequiresPermission.class);
        if (required == null) {
            required = resource.getResourceClass().getAnnotation(RequiresPermission.class);
        }
        if (required != null) {
            context.register(new Check(required.value()));
        }
        if (resource.getResourceMethod().isAnnotationPresent(PeopleOnly.class)
                || resource.getResourceClass().isAnnotationPresent(PeopleOnly.class)) {
            context.register(new PeopleCheck());
        }
    }

    @Priority(Priorities.AUTHORIZATION)
    private static final class PeopleCheck implements ContainerRequestFilter {
        @Override
        public void filter(jakarta.ws.rs.container.ContainerRequestContext request) {
            if (request.getSecurityContext().getUserPrincipal() instanceof Caller caller && caller.isApiKey()) {
                throw new ApiException(ErrorCode.PEOPLE_ONLY, "API keys cannot do this; log in as a person.");
            }
        }
    }

    @Priority(Priorities.AUTHORIZATION)
    private record Check(Permission permission) implements ContainerRequestFilter {
        @Override
        public void filter(jakarta.ws.rs.container.ContainerRequestContext request) {
            if (!(request.getSecurityContext().getUserPrincipal() instanceof Caller caller)) {
                throw new ApiException(ErrorCode.UNAUTHENTICATED, "Authentication required.");
            }
            if (!caller.can(permission)) {
                throw new ApiException(ErrorCode.PERMISSION_DENIED,
                        "This needs the " + permission.value() + " permission.");
            }
        }
    }
}
