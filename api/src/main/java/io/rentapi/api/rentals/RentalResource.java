package io.rentapi.api.rentals;

import io.dropwizard.auth.Auth;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.catalog.EnumParameter;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v1/rentals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Rentals")
public final class RentalResource {
    private final RentalService rentals;

    public RentalResource(RentalService rentals) {
        this.rentals = rentals;
    }

    @POST
    @RequiresPermission(Permission.RENTALS_WRITE)
    @Operation(summary = "Book items for a customer over [starts_at, ends_at); 409 rental_overlap names the period "
            + "already booked (item buffers included). Each line costs the cheapest combination of its item's "
            + "hourly, daily and weekly rates; deposits are held apart from the total")
    public Response book(@Auth Caller caller, @NotNull @Valid RentalRequests.Create request) {
        return Response.status(Response.Status.CREATED).entity(RentalView.of(rentals.book(caller.orgId(), request)))
                .build();
    }

    @GET
    @RequiresPermission(Permission.RENTALS_READ)
    @Operation(summary = "The organization's rentals, newest first, filtered by status, customer or item")
    public ListView<RentalView> list(@Auth Caller caller, @BeanParam ListParams list,
                                     @Parameter(description = "reserved, checked_out, returned, canceled or no_show")
                                     @QueryParam("status") String status,
                                     @QueryParam("customer_id") Long customerId,
                                     @QueryParam("item_id") Long itemId) {
        return ListView.of(rentals.list(caller.orgId(), new RentalService.Filter(
                EnumParameter.parse("status", status, RentalStatus::parse), customerId, itemId),
                list.toPageRequest()), RentalView::of);
    }

    @GET
    @Path("/{id}")
    @RequiresPermission(Permission.RENTALS_READ)
    @Operation(summary = "One rental with its lines, fees, deposit and totals")
    public RentalView get(@Auth Caller caller, @PathParam("id") long id) {
        return RentalView.of(rentals.get(caller.orgId(), id));
    }

    @POST
    @Path("/{id}/check_out")
    @RequiresPermission(Permission.RENTALS_CHECK_OUT)
    @Operation(summary = "Hand the items over: reserved → checked_out, recording who, when and their condition")
    public RentalView checkOut(@Auth Caller caller, @PathParam("id") long id, @Valid RentalRequests.CheckOut request) {
        return RentalView.of(rentals.checkOut(caller, id, request));
    }

    @POST
    @Path("/{id}/return")
    @RequiresPermission(Permission.RENTALS_RETURN)
    @Operation(summary = "Take the items back: checked_out → returned, adding late fees and a damage charge; "
            + "the deposit covers them first and the rest is released; each item stays blocked for its buffer after "
            + "the return, never past the booked period and its buffer")
    public RentalView giveBack(@Auth Caller caller, @PathParam("id") long id, @Valid RentalRequests.Return request) {
        return RentalView.of(rentals.giveBack(caller, id, request));
    }

    @POST
    @Path("/{id}/cancel")
    @RequiresPermission(Permission.RENTALS_CANCEL)
    @Operation(summary = "Cancel a reserved rental; its items are free again at once")
    public RentalView cancel(@Auth Caller caller, @PathParam("id") long id, @Valid RentalRequests.Cancel request) {
        return RentalView.of(rentals.cancel(caller.orgId(), id, request));
    }

    @POST
    @Path("/{id}/no_show")
    @RequiresPermission(Permission.RENTALS_CANCEL)
    @Operation(summary = "Record that the customer never came: reserved → no_show, once the rental has started")
    public RentalView noShow(@Auth Caller caller, @PathParam("id") long id) {
        return RentalView.of(rentals.noShow(caller.orgId(), id));
    }
}
