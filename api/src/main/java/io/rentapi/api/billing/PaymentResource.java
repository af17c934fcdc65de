package io.rentapi.api.billing;

import io.dropwizard.auth.Auth;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.Permission;
import io.rentapi.api.auth.RequiresPermission;
import io.rentapi.api.http.ListParams;
import io.rentapi.api.http.ListView;
import io.rentapi.billing.payments.Payment;
import io.rentapi.billing.payments.PaymentService;
import io.rentapi.billing.payments.PaymentView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/payments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Billing")
public final class PaymentResource {
    private final PaymentService payments;

    public PaymentResource(PaymentService payments) {
        this.payments = payments;
    }

    @GET
    @RequiresPermission(Permission.PAYMENTS_READ)
    @Operation(summary = "The organization's payments, newest first: pending, succeeded, failed, unknown (being reconciled), refunded or partially_refunded")
    public ListView<PaymentView> list(@Auth Caller caller, @BeanParam ListParams list) {
        return ListView.of(payments.list(caller.orgId(), list.toPageRequest()), p -> PaymentView.of(p, java.util.List.of()));
    }

    @GET
    @Path("/{id}")
    @RequiresPermission(Permission.PAYMENTS_READ)
    @Operation(summary = "One payment with its refunds")
    public PaymentView get(@Auth Caller caller, @PathParam("id") long id) {
        Payment p = payments.get(caller.orgId(), id);
        return PaymentView.of(p, payments.refunds(caller.orgId(), id));
    }

    @POST
    @Path("/{id}/refund")
    @RequiresPermission(Permission.PAYMENTS_REFUND)
    @Operation(summary = "Refund a succeeded payment, fully or partly (amount in minor units), to the card or to the organization's credit balance")
    public PaymentView refund(@Auth Caller caller, @PathParam("id") long id, @Valid BillingRequests.Refund request) {
        Payment p = payments.refund(caller.orgId(), id, request == null ? null : request.amount(),
                request == null ? null : request.reason(), request != null && Boolean.TRUE.equals(request.toCredit()));
        return PaymentView.of(p, payments.refunds(caller.orgId(), id));
    }
}
