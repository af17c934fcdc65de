package io.rentapi.api.billing;

import io.dropwizard.auth.Auth;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.Permission;
import io.rentapi.api.auth.RequiresPermission;
import io.rentapi.billing.methods.PaymentMethodService;
import io.rentapi.billing.methods.PaymentMethodView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The payment method renewals are charged with. Saved at Stripe: with Stripe.js confirming a
 * SetupIntent, or on Stripe's Checkout page in setup mode; Stripe's webhook then saves it here.
 */
@Path("/v1/billing/payment_method")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Billing")
public final class PaymentMethodResource {
    private final PaymentMethodService methods;

    public PaymentMethodResource(PaymentMethodService methods) {
        this.methods = methods;
    }

    public record SetupIntentAnswer(String clientSecret, String setupIntentId) {
    }

    public record CheckoutSessionAnswer(String url, String id) {
    }

    @GET
    @RequiresPermission(Permission.BILLING_MANAGE)
    @Operation(summary = "The saved payment method (type, card brand, last4, expiry, how it was saved); 404 payment_method_not_found when there is none")
    public PaymentMethodView get(@Auth Caller caller) {
        return PaymentMethodView.of(methods.current(caller.orgId()));
    }

    @POST
    @Path("/setup_intent")
    @RequiresPermission(Permission.BILLING_MANAGE)
    @Operation(summary = "Start saving a payment method with Stripe.js: a Stripe SetupIntent for off-session use, whose client_secret the browser confirms; Stripe's webhook then saves the method as the organization's default")
    public SetupIntentAnswer setupIntent(@Auth Caller caller) {
        var started = methods.startSetupIntent(caller.orgId());
        return new SetupIntentAnswer(started.clientSecret(), started.setupIntentId());
    }

    @POST
    @Path("/checkout_session")
    @RequiresPermission(Permission.BILLING_MANAGE)
    @Operation(summary = "Start saving a payment method on Stripe's Checkout page (setup mode): send the buyer to url; Stripe's webhook then saves the method as the organization's default")
    public CheckoutSessionAnswer checkoutSession(@Auth Caller caller,
                                                 @NotNull @Valid BillingRequests.CheckoutSession request) {
        var started = methods.startCheckout(caller.orgId(), request.successUrl(), request.cancelUrl());
        return new CheckoutSessionAnswer(started.url(), started.id());
    }

    @DELETE
    @RequiresPermission(Permission.BILLING_MANAGE)
    @Operation(summary = "Detach the saved payment method at Stripe and forget it; renewals then fail with no_payment_method until another is saved")
    public Response delete(@Auth Caller caller) {
        methods.remove(caller.orgId());
        return Response.noContent().build();
    }
}
