package io.rentapi.api.usage;

import io.dropwizard.auth.Auth;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.Permission;
import io.rentapi.api.auth.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;

@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Usage")
public final class UsageResource {
    private final UsageService usage;
    private final Clock clock;

    public UsageResource(UsageService usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    @GET
    @Path("/usage")
    @RequiresPermission(Permission.USAGE_READ)
    @Operation(summary = "Requests made by the whole organization (keys and people), per hour or day")
    public UsageView ofOrganization(@Auth Caller caller, @QueryParam("from") String from, @QueryParam("to") String to,
                                    @QueryParam("granularity") String granularity) {
        return usage.ofOrganization(caller.orgId(), UsageService.Range.parse(from, to, granularity, clock));
    }
}
