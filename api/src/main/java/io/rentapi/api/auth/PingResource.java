package io.rentapi.api.auth;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The cheapest authenticated, quota-checked call: for clients' health checks, and benchmarks. */
@Path("/v1/ping")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Account")
public final class PingResource {
    public record PingView(String object, long organizationId, Long apiKeyId, Long userId, List<String> scopes) {
    }

    @GET
    @Operation(summary = "Who is calling: the organization, the API key or person, and the granted permissions")
    public PingView ping(@Auth Caller caller) {
        return new PingView("ping", caller.orgId().value(), caller.apiKeyId().orElse(null),
                caller.isApiKey() ? null : caller.userId(),
                caller.permissions().stream().map(Permission::value).sorted().toList());
    }
}
