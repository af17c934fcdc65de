package io.rentapi.api.auth;

import io.rentapi.api.http.ClientAddress;
import io.rentapi.api.keys.ApiKeyVerifier;
import io.rentapi.api.orgs.MembershipDao;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.model.Invocable;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.jdbi.v3.core.Jdbi;

/**
 * Resolves the caller once per request, before any resource runs. Every route needs credentials
 * unless it is marked {@link Public}. The membership is read on every call, so a removed member or a
 * changed role takes effect at once, not when the access token expires.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter {
    private static final String BEARER = "Bearer ";
    public static final String API_KEY_HEADER = "X-API-Key";

    private final AccessTokens accessTokens;
    private final ApiKeyVerifier apiKeys;
    private final ClientAddress clientAddress;
    private final Jdbi jdbi;
    /** Whether each resource method is {@link Public}, learnt on its first call. */
    private final Map<Method, Boolean> publicMethods = new ConcurrentHashMap<>();

    public AuthenticationFilter(AccessTokens accessTokens, ApiKeyVerifier apiKeys, ClientAddress clientAddress, Jdbi jdbi) {
        this.accessTokens = accessTokens;
        this.apiKeys = apiKeys;
        this.clientAddress = clientAddress;
        this.jdbi = jdbi;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        // the matched method straight from Jersey's request: no per-call proxy as with an injected ResourceInfo
        ResourceMethod matched = ((ContainerRequest) request).getUriInfo().getMatchedResourceMethod();
        if (matched == null || isPublic(matched.getInvocable())) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String apiKey = request.getHeaderString(API_KEY_HEADER);
        if (apiKey == null && header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && header.startsWith("sk_", BEARER.length())) {
            apiKey = header.substring(BEARER.length()).trim();
        }
        if (apiKey != null) {
            install(request, apiKeys.authenticate(apiKey.trim(), () -> clientAddress.of(request)), "ApiKey");
            return;
        }
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
        install(request, Caller.user(claims.orgId(), claims.userId(), role), "Bearer");
    }

    private static void install(ContainerRequestContext request, Caller caller, String scheme) {
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
                return scheme;
            }
        });
    }

    private boolean isPublic(Invocable invocable) {
        return publicMethods.computeIfAbsent(invocable.getDefinitionMethod(), method -> method.isAnnotationPresent(Public.class)
                || invocable.getHandler().getHandlerClass().isAnnotationPresent(Public.class));
    }
}
