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

/** Resetting a forgotten password through a mailed link. */
@Path("/v1/auth/password")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Account")
public final class PasswordResource {
    private final AccountService accounts;

    public PasswordResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @POST
    @Path("/forgot")
    @Public
    @Operation(summary = "Mail a single-use reset link (valid 1 hour) if the address has an account; always 202")
    public Response forgot(@NotNull @Valid SecurityRequests.ForgotPassword request) {
        accounts.forgotPassword(request.email());
        return Response.accepted().build();
    }

    @POST
    @Path("/reset")
    @Public
    @Operation(summary = "Set a new password with the token from the reset link; ends every session")
    public Response reset(@NotNull @Valid SecurityRequests.ResetPassword request) {
        accounts.resetPassword(request.token(), request.password());
        return Response.noContent().build();
    }
}
