package io.rentapi.api.webhooks;

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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public final class EventResource {
    private final WebhookService webhooks;

    public EventResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GET
    @RequiresPermission(Permission.EVENTS_READ)
    @Operation(summary = "Everything that happened in the organization, newest first; what webhooks deliver")
    public ListView<EventView> list(@Auth Caller caller, @BeanParam ListParams list,
                                    @Parameter(description = "an event type, or a wildcard such as rental.*") @QueryParam("type") String type,
                                    @Parameter(description = "ISO-8601; created at or after") @QueryParam("created_after") String after,
                                    @Parameter(description = "ISO-8601; created before") @QueryParam("created_before") String before) {
        var filter = new WebhookService.Filter(null, QueryParams.eventType("type", type), QueryParams.time("created_after", after),
                QueryParams.time("created_before", before));
        return ListView.of(webhooks.events(caller.orgId(), filter, list.toPageRequest()), EventView::of);
    }

    @GET
    @Path("/{id}")
    @RequiresPermission(Permission.EVENTS_READ)
    @Operation(summary = "One event")
    public EventView get(@Auth Caller caller, @PathParam("id") long id) {
        return EventView.of(webhooks.event(caller.orgId(), id));
    }
}
