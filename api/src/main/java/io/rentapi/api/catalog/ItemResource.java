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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v1/items")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Items")
public final class ItemResource {
    private final ItemService items;
    private final ObjectMapper json;

    public ItemResource(ItemService items, ObjectMapper json) {
        this.items = items;
        this.json = json;
    }

    @POST
    @RequiresPermission(Permission.ITEMS_WRITE)
    @Operation(summary = "Create an item: serialized (one physical unit) or bulk (a quantity in stock), with its prices; "
            + "its brand by brand_id, or by a brand name that is found whatever its case or created")
    public Response create(@Auth Caller caller, @NotNull @Valid ItemRequests.Create request) {
        return Response.status(Response.Status.CREATED).entity(ItemView.of(items.create(caller.orgId(), request), json))
                .build();
    }

    @GET
    @RequiresPermission(Permission.ITEMS_READ)
    @Operation(summary = "The organization's items, newest first, filtered by text (name, SKU, description, brand), "
            + "category (with its subcategories), location, status, tracking, brand name or brand_id")
    public ListView<ItemView> list(@Auth Caller caller, @BeanParam ListParams list,
                                   @Parameter(description = "words in name, SKU, description or brand") @QueryParam("q") String q,
                                   @QueryParam("category_id") Long categoryId,
                                   @QueryParam("location_id") Long locationId,
                                   @Parameter(description = "available, maintenance or retired") @QueryParam("status") String status,
                                   @Parameter(description = "serialized or bulk") @QueryParam("tracking") String tracking,
                                   @Parameter(description = "brand name, any case") @QueryParam("brand") String brand,
                                   @QueryParam("brand_id") Long brandId) {
        ItemService.Filter filter = new ItemService.Filter(q, categoryId, locationId,
                EnumParameter.parse("status", status, ItemStatus::parse),
                EnumParameter.parse("tracking", tracking, Tracking::parse), brand, brandId);
        return ListView.of(items.list(caller.orgId(), filter, list.toPageRequest()), i -> ItemView.of(i, json));
    }

    @GET
    @Path("/{id}")
    @RequiresPermission(Permission.ITEMS_READ)
    @Operation(summary = "One item")
    public ItemView get(@Auth Caller caller, @PathParam("id") long id) {
        return ItemView.of(items.get(caller.orgId(), id), json);
    }

    @PATCH
    @Path("/{id}")
    @RequiresPermission(Permission.ITEMS_WRITE)
    @Operation(summary = "Change an item; status moves available ⇄ maintenance → retired (retired is final), "
            + "and a bulk item's stock never goes below what live rentals hold; brand_id or a brand name changes "
            + "its brand, an empty brand removes it")
    public ItemView update(@Auth Caller caller, @PathParam("id") long id, @NotNull @Valid ItemRequests.Update request) {
        return ItemView.of(items.update(caller.orgId(), id, request), json);
    }
}
