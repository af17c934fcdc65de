package io.rentapi.api.invitations;

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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

@Path("/v1/org/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Organizations")
public final class InvitationResource {
    private final InvitationService invitations;
    private final Clock clock;

    public InvitationResource(InvitationService invitations, Clock clock) {
        this.invitations = invitations;
        this.clock = clock;
    }

    @POST
    @RequiresPermission(Permission.INVITATIONS_MANAGE)
    @Operation(summary = "Invite someone by e-mail with a role; the link in the mail is valid 7 days and replaces "
            + "earlier pending invitations to the same address. Only owners invite owners")
    public Response create(@Auth Caller caller, @NotNull @Valid InvitationRequests.Create request) {
        return Response.status(Response.Status.CREATED)
                .entity(InvitationView.of(invitations.invite(caller, request), clock)).build();
    }

    @GET
    @RequiresPermission(Permission.INVITATIONS_MANAGE)
    @Operation(summary = "The organization's invitations (pending, accepted, revoked, expired), newest first")
    public ListView<InvitationView> list(@Auth Caller caller, @BeanParam ListParams list) {
        return ListView.of(invitations.list(caller.orgId(), list.toPageRequest()), i -> InvitationView.of(i, clock));
    }

    @GET
    @Path("/{id}")
    @RequiresPermission(Permission.INVITATIONS_MANAGE)
    @Operation(summary = "One invitation")
    public InvitationView get(@Auth Caller caller, @PathParam("id") long id) {
        return InvitationView.of(invitations.get(caller.orgId(), id), clock);
    }

    @DELETE
    @Path("/{id}")
    @RequiresPermission(Permission.INVITATIONS_MANAGE)
    @Operation(summary = "Revoke a pending invitation; its link stops working")
    public InvitationView revoke(@Auth Caller caller, @PathParam("id") long id) {
        return InvitationView.of(invitations.revoke(caller.orgId(), id), clock);
    }
}
