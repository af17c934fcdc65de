package io.rentapi.api.webhooks;

import io.dropwizard.auth.Auth;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.Permission;
import io.rentapi.api.auth.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v1/webhook_deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public final class WebhookDeliveryResource {
    private final WebhookService webhooks;

    public WebhookDeliveryResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GET
    @Path("/{id}")
    @RequiresPermission(Permission.WEBHOOKS_READ)
    @Operation(summary = "One delivery with every attempt")
    public WebhookDeliveryView get(@Auth Caller caller, @PathParam("id") long id) {
        return webhooks.delivery(caller.orgId(), id);
    }

    @POST
    @Path("/{id}/resend")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Send a succeeded or failed delivery again, with the same webhook-id and a fresh schedule of retries",
            responses = @ApiResponse(responseCode = "202", description = "The delivery, pending again",
                    content = @Content(schema = @Schema(implementation = WebhookDeliveryView.class))))
    public Response resend(@Auth Caller caller, @PathParam("id") long id) {
        return Response.status(Response.Status.ACCEPTED).entity(webhooks.resend(caller.orgId(), id)).build();
    }
}
