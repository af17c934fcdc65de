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

/** Following a verification link. */
@Path("/v1/auth/email")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Account")
public final class EmailVerificationResource {
    private final AccountService accounts;

    public EmailVerificationResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @POST
    @Path("/verify")
    @Public
    @Operation(summary = "Verify an e-mail address with the token from the verification link")
    public Response verify(@NotNull @Valid SecurityRequests.VerifyEmail request) {
        accounts.verifyEmail(request.token());
        return Response.noContent().build();
    }
}
