package io.rentapi.api.auth;

import io.dropwizard.auth.Auth;
import io.rentapi.core.tenancy.OrgId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import io.rentapi.api.http.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Authentication")
public final class AuthResource {
    private final AuthService auth;
    private final ClientAddress clientAddress;

    public AuthResource(AuthService auth, ClientAddress clientAddress) {
        this.auth = auth;
        this.clientAddress = clientAddress;
    }

    @POST
    @Path("/register")
    @Public
    @Operation(summary = "Create an account and its organization; the caller becomes its owner")
    public Response register(@NotNull @Valid AuthRequests.Register request) {
        return Response.status(Response.Status.CREATED).entity(auth.register(request)).build();
    }

    @POST
    @Path("/login")
    @Public
    @Operation(summary = "Exchange e-mail and password (and totp_code when the account uses 2FA: without it the "
            + "answer is 2fa_required) for an access token and a refresh token; repeated failures lock the account "
            + "and the address out for a growing period (429 with Retry-After)")
    public TokenResponse login(@NotNull @Valid AuthRequests.Login request, @Context HttpServletRequest http) {
        return auth.login(request, clientAddress.of(http));
    }

    @POST
    @Path("/refresh")
    @Public
    @Operation(summary = "Exchange a refresh token (single use) for a new pair; a reused token revokes the session")
    public TokenResponse refresh(@NotNull @Valid AuthRequests.Refresh request) {
        return auth.refresh(request.refreshToken());
    }

    @POST
    @Path("/logout")
    @Public
    @Operation(summary = "Revoke the session a refresh token belongs to")
    public Response logout(@NotNull @Valid AuthRequests.Refresh request) {
        auth.logout(request.refreshToken());
        return Response.noContent().build();
    }

    @POST
    @Path("/switch")
    @PeopleOnly
    @Operation(summary = "Get tokens for another organization the caller belongs to")
    public TokenResponse switchOrganization(@Auth Caller caller, @NotNull @Valid AuthRequests.Switch request) {
        return auth.switchTo(caller, new OrgId(request.organizationId()));
    }
}
