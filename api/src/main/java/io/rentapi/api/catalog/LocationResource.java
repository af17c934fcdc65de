package io.rentapi.api.catalog;

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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v1/locations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Locations")
public final class LocationResource {
    private final CatalogService catalog;

    public LocationResource(CatalogService catalog) {
        this.catalog = catalog;
    }

    @POST
    @RequiresPermission(Permission.LOCATIONS_WRITE)
    @Operation(summary = "Create a location (a shop, depot or warehouse items are kept at)")
    public Response create(@Auth Caller caller, @NotNull @Valid CatalogRequests.CreateLocation request) {
        return Response.status(Response.Status.CREATED)
                .entity(LocationView.of(catalog.createLocation(caller.orgId(), request))).build();
    }

    @GET
    @RequiresPermission(Permission.LOCATIONS_READ)
    @Operation(summary = "The organization's locations, newest first")
    public ListView<LocationView> list(@Auth Caller caller, @BeanParam ListParams list) {
        return ListView.of(catalog.locations(caller.orgId(), list.toPageRequest()), LocationView::of);
    }

    @GET
    @Path("/{id}")
    @RequiresPermission(Permission.LOCATIONS_READ)
    @Operation(summary = "One location")
    public LocationView get(@Auth Caller caller, @PathParam("id") long id) {
        return LocationView.of(catalog.location(caller.orgId(), id));
    }

    @PATCH
    @Path("/{id}")
    @RequiresPermission(Permission.LOCATIONS_WRITE)
    @Operation(summary = "Rename a location or change its address")
    public LocationView update(@Auth Caller caller, @PathParam("id") long id,
                               @NotNull @Valid CatalogRequests.UpdateLocation request) {
        return LocationView.of(catalog.updateLocation(caller.orgId(), id, request));
    }
}
