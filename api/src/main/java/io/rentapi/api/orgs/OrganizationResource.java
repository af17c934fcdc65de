package io.rentapi.api.orgs;

import io.dropwizard.auth.Auth;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.PeopleOnly;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Organizations")
public final class OrganizationResource {
    private final OrganizationService organizations;

    public OrganizationResource(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @GET
    @Path("/orgs")
    @PeopleOnly
    @Operation(summary = "The organizations the calling user belongs to")
    public ListView<OrganizationView> mine(@Auth Caller caller, @BeanParam ListParams list) {
        return ListView.of(organizations.organizationsOf(caller.userId(), list.toPageRequest()), OrganizationView::of);
    }

    @POST
    @Path("/orgs")
    @PeopleOnly
    @Operation(summary = "Create another organization; the caller becomes its owner")
    public Response create(@Auth Caller caller, @NotNull @Valid OrganizationRequests.Create request) {
        return Response.status(Response.Status.CREATED)
                .entity(OrganizationView.of(organizations.create(caller.userId(), request.name()))).build();
    }

    @GET
    @Path("/org")
    @RequiresPermission(Permission.ORG_READ)
    @Operation(summary = "The organization the caller acts for")
    public OrganizationView current(@Auth Caller caller) {
        return OrganizationView.of(organizations.get(caller.orgId()));
    }

    @PATCH
    @Path("/org")
    @RequiresPermission(Permission.ORG_MANAGE)
    @Operation(summary = "Rename the organization")
    public OrganizationView update(@Auth Caller caller, @NotNull @Valid OrganizationRequests.Update request) {
        return OrganizationView.of(organizations.rename(caller.orgId(), request.name()));
    }
}
