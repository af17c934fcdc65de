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

/** Changing a known password. */
@Path("/v1/me/password")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Account")
public final class MyPasswordResource {
    private final AccountService accounts;

    public MyPasswordResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @POST
    @PeopleOnly
    @Operation(summary = "Change your password; every other session ends, and the answer is a new token pair for this one")
    public TokenResponse change(@Auth Caller caller, @NotNull @Valid SecurityRequests.ChangePassword request) {
        return accounts.changePassword(caller, request.currentPassword(), request.newPassword());
    }
}
