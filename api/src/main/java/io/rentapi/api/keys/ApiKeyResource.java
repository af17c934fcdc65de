package io.rentapi.api.keys;

import io.dropwizard.auth.Auth;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.Permission;
import io.rentapi.api.auth.RequiresPermission;
import io.rentapi.api.http.ListParams;
import io.rentapi.api.http.ListView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import io.rentapi.api.usage.UsageService;
import io.rentapi.api.usage.UsageView;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

@Path("/v1/api_keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API keys")
public final class ApiKeyResource {
    private final ApiKeyService keys;
    private final UsageService usage;
    private final Clock clock;

    public ApiKeyResource(ApiKeyService keys, UsageService usage, Clock clock) {
        this.keys = keys;
        this.usage = usage;
        this.clock = clock;
    }

    @POST
    @RequiresPermission(Permission.API_KEYS_MANAGE)
    @Operation(summary = "Create an API key; the secret is in this answer only")
    public Response create(@Auth Caller caller, @NotNull @Valid ApiKeyRequests.Create request) {
        ApiKeyService.Created created = keys.create(caller, request);
        return Response.status(Response.Status.CREATED)
                .entity(ApiKeyView.of(created.key(), clock, created.secret())).build();
    }

    @GET
    @RequiresPermission(Permission.API_KEYS_READ)
    @Operation(summary = "The organization's API keys, newest first")
    public ListView<ApiKeyView> list(@Auth Caller caller, @BeanParam ListParams list) {
        return ListView.of(keys.list(caller.orgId(), list.toPageRequest()), k -> ApiKeyView.of(k, clock));
    }

    @GET
    @Path("/{id}")
    @RequiresPermission(Permission.API_KEYS_READ)
    @Operation(summary = "One API key (never its secret)")
    public ApiKeyView get(@Auth Caller caller, @PathParam("id") long id) {
        return ApiKeyView.of(keys.get(caller.orgId(), id), clock);
    }

    @PATCH
    @Path("/{id}")
    @RequiresPermission(Permission.API_KEYS_MANAGE)
    @Operation(summary = "Change a key's name, scopes, allowed addresses or limits; takes effect within seconds everywhere")
    public ApiKeyView update(@Auth Caller caller, @PathParam("id") long id, @NotNull @Valid ApiKeyRequests.Update request) {
        return ApiKeyView.of(keys.update(caller, id, request), clock);
    }

    @POST
    @Path("/{id}/rotate")
    @RequiresPermission(Permission.API_KEYS_MANAGE)
    @Operation(summary = "Issue a new secret; the old one keeps working for grace_period_seconds (default 24 h, 0 ends it now)")
    public ApiKeyView rotate(@Auth Caller caller, @PathParam("id") long id, @Valid ApiKeyRequests.Rotate request) {
        ApiKeyService.Created rotated = keys.rotate(caller, id, request == null ? null : request.gracePeriodSeconds());
        return ApiKeyView.of(rotated.key(), clock, rotated.secret());
    }

    @GET
    @Path("/{id}/usage")
    @RequiresPermission(Permission.USAGE_READ)
    @Operation(summary = "Requests made with one API key, by status class, per hour or day (counts arrive within a flush interval)")
    public UsageView usage(@Auth Caller caller, @PathParam("id") long id, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("granularity") String granularity) {
        keys.get(caller.orgId(), id); // another organization's key is not found
        return usage.ofKey(caller.orgId(), id, UsageService.Range.parse(from, to, granularity, clock));
    }

    @DELETE
    @Path("/{id}")
    @RequiresPermission(Permission.API_KEYS_MANAGE)
    @Operation(summary = "Revoke a key at once, on every instance")
    public ApiKeyView revoke(@Auth Caller caller, @PathParam("id") long id) {
        return ApiKeyView.of(keys.revoke(caller.orgId(), id), clock);
    }
}
