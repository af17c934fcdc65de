package io.rentapi.api.rentals;

import io.dropwizard.auth.Auth;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.Permission;
import io.rentapi.api.auth.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

@Path("/v1/items/{id}/availability")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Items")
public final class AvailabilityResource {
    private final AvailabilityService availability;
    private final Clock clock;

    public AvailabilityResource(AvailabilityService availability, Clock clock) {
        this.availability = availability;
        this.clock = clock;
    }

    @GET
    @RequiresPermission(Permission.AVAILABILITY_READ)
    @Operation(summary = "Booked and free periods of an item over [from, to) (default: the next 30 days, at most 366), "
            + "buffers included; for a bulk item the free quantity of each stretch and the least free over the range")
    public Availability get(@Auth Caller caller, @PathParam("id") long id,
                            @Parameter(description = "ISO-8601 time, default now") @QueryParam("from") String from,
                            @Parameter(description = "ISO-8601 time, default 30 days after from") @QueryParam("to") String to) {
        Instant[] range = Times.range(from, to, clock.instant().truncatedTo(ChronoUnit.SECONDS), Duration.ofDays(30));
        return availability.of(caller.orgId(), id, range[0], range[1]);
    }
}
