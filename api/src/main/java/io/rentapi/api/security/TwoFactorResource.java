package io.rentapi.api.security;

import io.dropwizard.auth.Auth;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.PeopleOnly;
import io.rentapi.api.http.Credential;
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
import java.util.List;

@Path("/v1/me/2fa")
@PeopleOnly
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Account")
public final class TwoFactorResource {
    private final TwoFactor twoFactor;

    public TwoFactorResource(TwoFactor twoFactor) {
        this.twoFactor = twoFactor;
    }

    public record SetupView(String object, @Credential String secret, @Credential String otpauthUri, @Credential String qrCodePng) {
    }

    public record EnabledView(String object, boolean enabled, @Credential List<String> backupCodes) {
    }

    @POST
    @Path("/setup")
    @Operation(summary = "Start setting up TOTP: a new secret, its otpauth:// URI and a QR code (PNG, base64) to scan; "
            + "nothing changes until /enable confirms a code")
    public SetupView setup(@Auth Caller caller) {
        TwoFactor.Setup setup = twoFactor.setup(caller);
        return new SetupView("two_factor_setup", setup.secret(), setup.otpauthUri(), setup.qrCodePng());
    }

    @POST
    @Path("/enable")
    @Operation(summary = "Turn 2FA on with the authenticator's current code; answers 10 single-use backup codes, shown only here")
    public EnabledView enable(@Auth Caller caller, @NotNull @Valid SecurityRequests.EnableTwoFactor request) {
        return new EnabledView("two_factor", true, twoFactor.enable(caller, request.code()));
    }

    @POST
    @Path("/disable")
    @Operation(summary = "Turn 2FA off; needs the password and a current code (or a backup code)")
    public Response disable(@Auth Caller caller, @NotNull @Valid SecurityRequests.DisableTwoFactor request) {
        twoFactor.disable(caller, request.password(), request.code());
        return Response.noContent().build();
    }
}
