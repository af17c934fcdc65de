package io.rentapi.api.auth;

import io.rentapi.api.orgs.MembershipDao;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.jdbi.v3.core.Jdbi;

/**
 * Resolves the caller once per request, before any resource runs. Every route needs credentials
 * unless it is marked {@link Public}. The membership is read on every call, so a removed member or a
 * changed role takes effect at once, not when the access token expires.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter {
    private static final String BEARER = "Bearer ";

    @Context
    private ResourceInfo resource;

    private final AccessTokens accessTokens;
    private final Jdbi jdbi;

    public AuthenticationFilter(AccessTokens accessTokens, Jdbi jdbi) {
        this.accessTokens = accessTokens;
        this.jdbi = jdbi;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (resource.getResourceMethod() == null || isPublic()) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED,
                    "Send an access token or API key as 'Authorization: Bearer <token>'.");
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "Only the Bearer scheme is supported.");
        }
        AccessTokens.Claims claims = accessTokens.verify(header.substring(BEARER.length()).trim());
        Role role = jdbi.onDemand(MembershipDao.class).roleOf(claims.orgId(), claims.userId())
                .orElseThrow(() -> new ApiException(ErrorCode.INVALID_TOKEN,
                        "You are no longer a member of this organization."));
        Caller caller = Caller.user(claims.orgId(), claims.userId(), role);
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String permission) {
                return Permission.parse(permission).map(caller::can).orElse(false);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }

    private boolean isPublic() {
        return resource.getResourceMethod().isAnnotationPresent(Public.class)
                || resource.getResourceClass().isAnnotationPresent(Public.class);
    }
}
