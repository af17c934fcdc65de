package io.rentapi.api.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.auth.Auth;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.Permission;
import io.rentapi.api.auth.RequiresPermission;
import io.rentapi.api.http.ListParams;
import io.rentapi.api.http.ListView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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

@Path("/v1/brands")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Brands")
public final class BrandResource {
    private final BrandService brands;
    private final ObjectMapper json;

    public BrandResource(BrandService brands, ObjectMapper json) {
        this.brands = brands;
        this.json = json;
    }

    @POST
    @RequiresPermission(Permission.BRANDS_WRITE)
    @Operation(summary = "Create a brand; its name is unique in the organization whatever the case (409 brand_name_taken)")
    public Response create(@Auth Caller caller, @NotNull @Valid CatalogRequests.CreateBrand request) {
        return Response.status(Response.Status.CREATED)
                .entity(BrandView.of(brands.create(caller.orgId(), request), json)).build();
    }

    @GET
    @RequiresPermission(Permission.BRANDS_READ)
    @Operation(summary = "The organization's brands, newest first, filtered by text in the name or description")
    public ListView<BrandView> list(@Auth Caller caller, @BeanParam ListParams list,
                                    @Parameter(description = "words in name or description") @QueryParam("q") String q) {
        return ListView.of(brands.list(caller.orgId(), q, list.toPageRequest()), b -> BrandView.of(b, json));
    }

    @GET
    @Path("/{id}")
    @RequiresPermission(Permission.BRANDS_READ)
    @Operation(summary = "One brand")
    public BrandView get(@Auth Caller caller, @PathParam("id") long id) {
        return BrandView.of(brands.get(caller.orgId(), id), json);
    }

    @PATCH
    @Path("/{id}")
    @RequiresPermission(Permission.BRANDS_WRITE)
    @Operation(summary = "Rename or describe a brand; its items show the new name at once")
    public BrandView update(@Auth Caller caller, @PathParam("id") long id,
                            @NotNull @Valid CatalogRequests.UpdateBrand request) {
        return BrandView.of(brands.update(caller.orgId(), id, request), json);
    }

    @DELETE
    @Path("/{id}")
    @RequiresPermission(Permission.BRANDS_WRITE)
    @Operation(summary = "Delete a brand no item names (409 brand_in_use otherwise); answers the deleted brand")
    public BrandView delete(@Auth Caller caller, @PathParam("id") long id) {
        return BrandView.of(brands.delete(caller.orgId(), id), json);
    }
}
