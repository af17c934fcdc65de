package io.rentapi.api.audit;

import io.dropwizard.auth.Auth;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.Permission;
import io.rentapi.api.auth.RequiresPermission;
import io.rentapi.api.http.ListParams;
import io.rentapi.api.http.ListView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/audit_log")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit log")
public final class AuditResource {
    private final AuditLog log;

    public AuditResource(AuditLog log) {
        this.log = log;
    }

    @GET
    @RequiresPermission(Permission.AUDIT_LOG_READ)
    @Operation(summary = "Who did what in the organization, and its security events, newest first")
    public ListView<AuditView> list(@Auth Caller caller, @BeanParam ListParams list,
                                    @Parameter(description = "exact action, or a prefix ending in *: api_key.*")
                                    @QueryParam("action") String action,
                                    @Parameter(description = "change or security") @QueryParam("category") String category,
                                    @Parameter(description = "info, warning or critical") @QueryParam("severity") String severity,
                                    @Parameter(description = "user, api_key, anonymous or system")
                                    @QueryParam("actor_type") String actorType,
                                    @QueryParam("actor_id") Long actorId,
                                    @QueryParam("target_id") String targetId,
                                    @Parameter(description = "ISO-8601, inclusive") @QueryParam("since") String since,
                                    @Parameter(description = "ISO-8601, exclusive") @QueryParam("until") String until) {
        return ListView.of(log.list(caller.orgId(),
                new AuditLog.Filter(action, category, severity, actorType, actorId, targetId, since, until),
                list.toPageRequest()), AuditView::of);
    }
}
