package io.rentapi.api.orgs;

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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v1/org/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Organizations")
public final class MemberResource {
    private final OrganizationService organizations;

    public MemberResource(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @GET
    @RequiresPermission(Permission.MEMBERS_READ)
    @Operation(summary = "The organization's members")
    public ListView<MemberView> list(@Auth Caller caller, @BeanParam ListParams list) {
        return ListView.of(organizations.members(caller.orgId(), list.toPageRequest()), MemberView::of);
    }

    @GET
    @Path("/{user_id}")
    @RequiresPermission(Permission.MEMBERS_READ)
    @Operation(summary = "One member")
    public MemberView get(@Auth Caller caller, @PathParam("user_id") long userId) {
        return MemberView.of(organizations.member(caller.orgId(), userId));
    }

    @PATCH
    @Path("/{user_id}")
    @RequiresPermission(Permission.MEMBERS_MANAGE)
    @Operation(summary = "Change a member's role; only owners grant or revoke the owner role, and the last owner stays")
    public MemberView update(@Auth Caller caller, @PathParam("user_id") long userId,
                             @NotNull @Valid OrganizationRequests.MemberUpdate request) {
        return MemberView.of(organizations.changeRole(caller, userId, request.role()));
    }

    @DELETE
    @Path("/{user_id}")
    @RequiresPermission(Permission.MEMBERS_MANAGE)
    @Operation(summary = "Remove a member; the last owner cannot be removed")
    public Response remove(@Auth Caller caller, @PathParam("user_id") long userId) {
        organizations.remove(caller, userId);
        return Response.noContent().build();
    }
}
