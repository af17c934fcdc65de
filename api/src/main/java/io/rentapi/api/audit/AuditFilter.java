package io.rentapi.api.audit;

import io.rentapi.api.auth.Caller;
import io.rentapi.api.http.ClientAddress;
import io.rentapi.api.http.Problem;
import io.rentapi.api.http.RequestIds;
import io.rentapi.core.db.Jdbc;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Records every successful state-changing call (POST, PUT, PATCH, DELETE) that a service did not
 * already record in its own transaction, and every permission denial. Reads (the hot path) write
 * nothing unless refused.
 */
@Priority(Priorities.AUTHENTICATION + 20)
public final class AuditFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AuditFilter.class);
    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> DENIALS =
            Set.of("permission_denied", "people_only", "two_factor_enrollment_required");

    @Context
    private ResourceInfo resource;

    private final Jdbi jdbi;
    private final ClientAddress clientAddress;
    private final Clock clock;
    private final Map<Class<?>, Method> idAccessors = new ConcurrentHashMap<>();

    public AuditFilter(Jdbi jdbi, ClientAddress clientAddress, Clock clock) {
        this.jdbi = jdbi;
        this.clientAddress = clientAddress;
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        AuditContext.clear();
        if (CHANGES.contains(request.getMethod())) {
            AuditContext.set(new AuditContext(caller(request), ip(request), userAgent(request), RequestIds.current()));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        try {
            Caller caller = caller(request);
            if (caller == null) {
                return;
            }
            int status = response.getStatus();
            if (status == 403 && response.getEntity() instanceof Problem problem && DENIALS.contains(problem.code())) {
                insert(request, caller, "security", Severity.WARNING, "permission.denied: " + route(request), null,
                        status, problem.detail());
                return;
            }
            AuditContext context = AuditContext.current();
            if (status >= 200 && status < 300 && CHANGES.contains(request.getMethod())
                    && (context == null || !context.recorded)) {
                insert(request, caller, "change", Severity.INFO, route(request), targetId(request, response), status,
                        null);
            }
        } finally {
            AuditContext.clear();
        }
    }

    private void insert(ContainerRequestContext request, Caller caller, String category, Severity severity, String action, String targetId, int status,
                        String detail) {
        jdbi.useHandle(h -> Jdbc.update(h, AuditDao.INSERT, caller.orgId(), clock.instant(), category, severity.value(),
                truncate(action, 200), caller.isApiKey() ? "api_key" : "user",
                caller.apiKeyId().orElse(caller.userId()), null, targetId, ip(request), userAgent(request), RequestIds.current(), status, null,
                detail == null ? null : AuditTrail.json(Map.of("detail", detail))));
    }

    private static Caller caller(ContainerRequestContext request) {
        return request.getSecurityContext().getUserPrincipal() instanceof Caller caller ? caller : null;
    }

    private String ip(ContainerRequestContext request) {
        InetAddress address = clientAddress.of(request);
        return address == null ? null : address.getHostAddress();
    }

    private static String userAgent(ContainerRequestContext request) {
        String agent = request.getHeaderString(HttpHeaders.USER_AGENT);
        return agent == null ? null : truncate(agent, 500);
    }

    /** {@code PATCH /v1/api_keys/{id}}: the route, never the caller's own path text. */
    private String route(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return request.getMethod() + " " + request.getUriInfo().getPath();
        }
        Path onClass = resource.getResourceClass().getAnnotation(Path.class);
        Path onMethod = method.getAnnotation(Path.class);
        return request.getMethod() + " " + (onClass == null ? "" : onClass.value()) + (onMethod == null ? "" : onMethod.value());
    }

    /** The object the call named in its path, or the one it created (its answer's {@code id}). */
    private String targetId(ContainerRequestContext request, ContainerResponseContext response) {
        var params = request.getUriInfo().getPathParameters();
        if (!params.isEmpty()) {
            return truncate(params.values().iterator().next().get(0), 100);
        }
        Object entity = response.getEntity();
        if (entity == null || entity instanceof Problem) {
            return null;
        }
        Method id = idAccessors.computeIfAbsent(entity.getClass(), AuditFilter::idAccessor);
        if (id.getDeclaringClass() == AuditFilter.class) {
            return null;
        }
        try {
            Object value = id.invoke(entity);
            return value == null ? null : value.toString();
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static Method idAccessor(Class<?> type) {
        try {
            Method m = type.getMethod("id");
            if (m.getParameterCount() == 0) {
                return m;
            }
        } catch (NoSuchMethodException e) {
            // not an object with an id
        }
        try {
            return AuditFilter.class.getDeclaredMethod("noId");
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unused")
    private static Object noId() {
        return null;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
