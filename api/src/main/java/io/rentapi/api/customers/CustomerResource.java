package io.rentapi.api.customers;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Customers")
public final class CustomerResource {
    private final CustomerService customers;
    private final ObjectMapper json;

    public CustomerResource(CustomerService customers, ObjectMapper json) {
        this.customers = customers;
        this.json = json;
    }

    @POST
    @RequiresPermission(Permission.CUSTOMERS_WRITE)
    @Operation(summary = "Create a customer (an individual or a business)")
    public Response create(@Auth Caller caller, @NotNull @Valid CustomerRequests.Create request) {
        return Response.status(Response.Status.CREATED)
                .entity(CustomerView.of(customers.create(caller.orgId(), request), json)).build();
    }

    @GET
    @RequiresPermission(Permission.CUSTOMERS_READ)
    @Operation(summary = "The organization's customers, newest first, filtered by text (name, e-mail, phone), type or blocked")
    public ListView<CustomerView> list(@Auth Caller caller, @BeanParam ListParams list,
                                       @QueryParam("q") String q,
                                       @Parameter(description = "individual or business") @QueryParam("type") String type,
                                       @QueryParam("blocked") Boolean blocked) {
        return ListView.of(customers.list(caller.orgId(), new CustomerService.Filter(q,
                EnumParameter.parse("type", type, CustomerType::parse), blocked),
                list.toPageRequest()), c -> CustomerView.of(c, json));
    }

    @GET
    @Path("/{id}")
    @RequiresPermission(Permission.CUSTOMERS_READ)
    @Operation(summary = "One customer")
    public CustomerView get(@Auth Caller caller, @PathParam("id") long id) {
        return CustomerView.of(customers.get(caller.orgId(), id), json);
    }

    @PATCH
    @Path("/{id}")
    @RequiresPermission(Permission.CUSTOMERS_WRITE)
    @Operation(summary = "Change a customer; blocked true (with blocked_reason) stops new bookings, false lifts it")
    public CustomerView update(@Auth Caller caller, @PathParam("id") long id,
                               @NotNull @Valid CustomerRequests.Update request) {
        return CustomerView.of(customers.update(caller.orgId(), id, request), json);
    }
}
