package io.rentapi.api.billing;

import io.dropwizard.auth.Auth;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.Permission;
import io.rentapi.api.auth.RequiresPermission;
import io.rentapi.api.security.AccountSecurity;
import io.rentapi.billing.subscriptions.SubscriptionService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jdbi.v3.core.Jdbi;

@Path("/v1/subscription")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Billing")
public final class SubscriptionResource {
    private final SubscriptionService subscriptions;
    private final Jdbi jdbi;

    public SubscriptionResource(SubscriptionService subscriptions, Jdbi jdbi) {
        this.subscriptions = subscriptions;
        this.jdbi = jdbi;
    }

    @GET
    @RequiresPermission(Permission.BILLING_READ)
    @Operation(summary = "The organization's subscription (the latest, canceled or not)")
    public SubscriptionAnswer get(@Auth Caller caller) {
        return SubscriptionAnswer.of(subscriptions.current(caller.orgId()), jdbi);
    }

    @POST
    @RequiresPermission(Permission.SUBSCRIPTIONS_MANAGE)
    @Operation(summary = "Subscribe to a paid plan; without a trial the first invoice is opened and collected at once")
    public Response subscribe(@Auth Caller caller, @NotNull @Valid BillingRequests.Subscribe request) {
        // an API key's creator was verified when the key was made; people are checked here
        jdbi.useHandle(h -> AccountSecurity.requireVerifiedEmail(h, caller.userId()));
        var outcome = subscriptions.subscribe(caller.orgId(), request.planId(),
                request.interval() == null ? "month" : request.interval(), Boolean.TRUE.equals(request.trial()),
                request.provider());
        return Response.status(Response.Status.CREATED).entity(SubscriptionAnswer.of(outcome, jdbi)).build();
    }

    @POST
    @Path("/change")
    @RequiresPermission(Permission.SUBSCRIPTIONS_MANAGE)
    @Operation(summary = "Change plan: an upgrade takes effect now with a prorated invoice; a downgrade or a new interval at the end of the period")
    public SubscriptionAnswer change(@Auth Caller caller, @NotNull @Valid BillingRequests.Change request) {
        return SubscriptionAnswer.of(subscriptions.change(caller.orgId(), request.planId(), request.interval()), jdbi);
    }

    @POST
    @Path("/cancel")
    @RequiresPermission(Permission.SUBSCRIPTIONS_MANAGE)
    @Operation(summary = "Cancel at the end of the period (default) or now; canceled now, the organization is on Free at once")
    public SubscriptionAnswer cancel(@Auth Caller caller, @Valid BillingRequests.Cancel request) {
        boolean atPeriodEnd = request == null || request.atPeriodEnd() == null || request.atPeriodEnd();
        return SubscriptionAnswer.of(subscriptions.cancel(caller.orgId(), atPeriodEnd), jdbi);
    }

    @POST
    @Path("/pause")
    @RequiresPermission(Permission.SUBSCRIPTIONS_MANAGE)
    @Operation(summary = "Pause an active subscription: no invoices, and the organization is on Free until it resumes")
    public SubscriptionAnswer pause(@Auth Caller caller) {
        return SubscriptionAnswer.of(subscriptions.pause(caller.orgId()), jdbi);
    }

    @POST
    @Path("/resume")
    @RequiresPermission(Permission.SUBSCRIPTIONS_MANAGE)
    @Operation(summary = "Resume a paused subscription: a new period starts now and is invoiced at once")
    public SubscriptionAnswer resume(@Auth Caller caller) {
        return SubscriptionAnswer.of(subscriptions.resume(caller.orgId()), jdbi);
    }
}
