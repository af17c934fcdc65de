package io.rentapi.api.security;

import io.dropwizard.auth.Auth;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.PeopleOnly;
import io.rentapi.api.auth.Public;
import io.rentapi.api.auth.TokenResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Changing the e-mail address, and asking for the verification link again. */
@Path("/v1/me/email")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Account")
public final class MyEmailResource {
    private final AccountService accounts;

    public MyEmailResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @POST
    @PeopleOnly
    @Operation(summary = "Change your e-mail address: a verification link goes to the new one, which takes effect when followed")
    public Response changeEmail(@Auth Caller caller, @NotNull @Valid SecurityRequests.ChangeEmail request) {
        accounts.changeEmail(caller, request.email(), request.password());
        return Response.accepted().build();
    }

    @POST
    @Path("/verification")
    @PeopleOnly
    @Operation(summary = "Send the verification link again (nothing is sent when the address is already verified)")
    public Response resendVerification(@Auth Caller caller) {
        accounts.resendVerification(caller);
        return Response.accepted().build();
    }
}
