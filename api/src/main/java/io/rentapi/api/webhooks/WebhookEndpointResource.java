package io.rentapi.api.webhooks;

import io.dropwizard.auth.Auth;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.Permission;
import io.rentapi.api.auth.RequiresPermission;
import io.rentapi.api.http.ListParams;
import io.rentapi.api.http.ListView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

@Path("/v1/webhook_endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public final class WebhookEndpointResource {
    private final WebhookService webhooks;
    private final Clock clock;

    public WebhookEndpointResource(WebhookService webhooks, Clock clock) {
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @POST
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Subscribe a URL to events; the signing secret (whsec_…) is in this answer and in rotate_secret's only",
            responses = @ApiResponse(responseCode = "201", description = "The endpoint, with its secret",
                    content = @Content(schema = @Schema(implementation = WebhookEndpointView.class))))
    public Response create(@Auth Caller caller, @NotNull @Valid WebhookRequests.Create request) {
        WebhookService.WithSecret created = webhooks.create(caller.orgId(), request);
        return Response.status(Response.Status.CREATED)
                .entity(WebhookEndpointView.of(created.endpoint(), clock, created.secret())).build();
    }

    @GET
    @RequiresPermission(Permission.WEBHOOKS_READ)
    @Operation(summary = "The organization's webhook endpoints, newest first")
    public ListView<WebhookEndpointView> list(@Auth Caller caller, @BeanParam ListParams list) {
        return ListView.of(webhooks.list(caller.orgId(), list.toPageRequest()), e -> WebhookEndpointView.of(e, clock));
    }

    @GET
    @Path("/{id}")
    @RequiresPermission(Permission.WEBHOOKS_READ)
    @Operation(summary = "One webhook endpoint (never its secret)")
    public WebhookEndpointView get(@Auth Caller caller, @PathParam("id") long id) {
        return WebhookEndpointView.of(webhooks.get(caller.orgId(), id), clock);
    }

    @PATCH
    @Path("/{id}")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Change the URL, event types, description, rate limit, or enable a disabled endpoint again")
    public WebhookEndpointView update(@Auth Caller caller, @PathParam("id") long id,
                                      @NotNull @Valid WebhookRequests.Update request) {
        return WebhookEndpointView.of(webhooks.update(caller.orgId(), id, request), clock);
    }

    @DELETE
    @Path("/{id}")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Delete an endpoint; its pending deliveries stop")
    public WebhookEndpointView delete(@Auth Caller caller, @PathParam("id") long id) {
        return WebhookEndpointView.of(webhooks.delete(caller.orgId(), id), clock);
    }

    @POST
    @Path("/{id}/rotate_secret")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Issue a new signing secret; for 24 h deliveries carry signatures by both the old and the new one",
            responses = @ApiResponse(responseCode = "200", description = "The endpoint, with its new secret",
                    content = @Content(schema = @Schema(implementation = WebhookEndpointView.class))))
    public WebhookEndpointView rotateSecret(@Auth Caller caller, @PathParam("id") long id) {
        WebhookService.WithSecret rotated = webhooks.rotateSecret(caller.orgId(), id);
        return WebhookEndpointView.of(rotated.endpoint(), clock, rotated.secret());
    }

    @POST
    @Path("/{id}/test")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Send a ping event to this endpoint; answers the delivery, whose attempts show the outcome",
            responses = @ApiResponse(responseCode = "202", description = "The ping's delivery, not yet attempted",
                    content = @Content(schema = @Schema(implementation = WebhookDeliveryView.class))))
    public Response test(@Auth Caller caller, @PathParam("id") long id) {
        return Response.status(Response.Status.ACCEPTED).entity(webhooks.ping(caller.orgId(), id)).build();
    }

    @POST
    @Path("/{id}/recover")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Send again every delivery to this endpoint that failed since the given time, whenever it was created",
            responses = @ApiResponse(responseCode = "202", description = "How many failed deliveries were queued again",
                    content = @Content(schema = @Schema(implementation = WebhookRecoveryView.class))))
    public Response recover(@Auth Caller caller, @PathParam("id") long id,
                            @Parameter(description = "ISO-8601 time; deliveries that failed since then are sent again", required = true)
                            @QueryParam("since") String since) {
        webhooks.get(caller.orgId(), id); // another organization's endpoint is not found, whatever the parameters
        int recovered = webhooks.recover(caller.orgId(), id, QueryParams.time("since", since));
        return Response.status(Response.Status.ACCEPTED).entity(WebhookRecoveryView.of(id, recovered)).build();
    }

    @GET
    @Path("/{id}/deliveries")
    @RequiresPermission(Permission.WEBHOOKS_READ)
    @Operation(summary = "Deliveries to this endpoint, newest first, each with every attempt (time, status, latency, error, response excerpt)")
    public ListView<WebhookDeliveryView> deliveries(@Auth Caller caller, @PathParam("id") long id,
                                                    @BeanParam ListParams list,
                                                    @Parameter(description = "pending, succeeded or failed") @QueryParam("status") String status,
                                                    @Parameter(description = "an event type, or a wildcard such as rental.*") @QueryParam("event_type") String eventType,
                                                    @Parameter(description = "ISO-8601; created at or after") @QueryParam("created_after") String after,
                                                    @Parameter(description = "ISO-8601; created before") @QueryParam("created_before") String before) {
        var filter = new WebhookService.Filter(QueryParams.oneOf("status", status, WebhookService.STATUSES),
                QueryParams.eventType("event_type", eventType), QueryParams.time("created_after", after),
                QueryParams.time("created_before", before));
        return ListView.of(webhooks.deliveries(caller.orgId(), id, filter, list.toPageRequest()), d -> d);
    }
}
