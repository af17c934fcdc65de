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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v1/categories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Categories")
public final class CategoryResource {
    private final CatalogService catalog;

    public CategoryResource(CatalogService catalog) {
        this.catalog = catalog;
    }

    @POST
    @RequiresPermission(Permission.CATEGORIES_WRITE)
    @Operation(summary = "Create a category, optionally under a parent category")
    public Response create(@Auth Caller caller, @NotNull @Valid CatalogRequests.CreateCategory request) {
        return Response.status(Response.Status.CREATED)
                .entity(CategoryView.of(catalog.createCategory(caller.orgId(), request))).build();
    }

    @GET
    @RequiresPermission(Permission.CATEGORIES_READ)
    @Operation(summary = "The organization's categories, newest first; parent_id lists one category's children")
    public ListView<CategoryView> list(@Auth Caller caller, @BeanParam ListParams list,
                                       @QueryParam("parent_id") Long parentId) {
        return ListView.of(catalog.categories(caller.orgId(), parentId, list.toPageRequest()), CategoryView::of);
    }

    @GET
    @Path("/{id}")
    @RequiresPermission(Permission.CATEGORIES_READ)
    @Operation(summary = "One category")
    public CategoryView get(@Auth Caller caller, @PathParam("id") long id) {
        return CategoryView.of(catalog.category(caller.orgId(), id));
    }

    @PATCH
    @Path("/{id}")
    @RequiresPermission(Permission.CATEGORIES_WRITE)
    @Operation(summary = "Rename, describe or move a category; a move that would make a cycle is refused")
    public CategoryView update(@Auth Caller caller, @PathParam("id") long id,
                               @NotNull @Valid CatalogRequests.UpdateCategory request) {
        return CategoryView.of(catalog.updateCategory(caller.orgId(), id, request));
    }
}
