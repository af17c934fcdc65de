package io.rentapi.api.analytics;

import io.dropwizard.auth.Auth;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.Permission;
import io.rentapi.api.auth.RequiresPermission;
import io.rentapi.api.http.ListParams;
import io.rentapi.api.rentals.Times;
import io.rentapi.core.page.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

@Path("/v1/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytics")
public final class AnalyticsResource {
    private static final Duration DEFAULT_RANGE = Duration.ofDays(30);

    private final AnalyticsService analytics;
    private final Clock clock;

    public AnalyticsResource(AnalyticsService analytics, Clock clock) {
        this.analytics = analytics;
        this.clock = clock;
    }

    public record Share(double bookedHours, double availableHours, double utilization) {
        static Share of(double bookedSeconds, double availableSeconds) {
            return new Share(round(bookedSeconds / 3600), round(availableSeconds / 3600),
                    availableSeconds == 0 ? 0 : round(bookedSeconds / availableSeconds));
        }

        private static double round(double v) {
            return Math.round(v * 10_000) / 10_000.0;
        }
    }

    public record ItemShare(long itemId, String name, String sku, String tracking, int units, double bookedHours,
                            double availableHours, double utilization) {
        static ItemShare of(AnalyticsService.Usage u) {
            Share s = Share.of(u.item().bookedSeconds(), u.availableSeconds());
            return new ItemShare(u.item().itemId(), u.item().name(), u.item().sku(), u.item().tracking(),
                    u.item().units(), s.bookedHours(), s.availableHours(), s.utilization());
        }
    }

    public record UtilizationView(String object, Instant from, Instant to, Share overall, List<ItemShare> data,
                                  boolean hasMore) {
    }

    public record RevenuePeriod(Instant periodStart, String currency, long rentals, long rentalRevenue, long fees,
                                long total) {
    }

    public record RevenueView(String object, Instant from, Instant to, String granularity, List<RevenuePeriod> data) {
    }

    public record UnderusedView(String object, Instant from, Instant to, double below, List<ItemShare> data,
                                boolean hasMore) {
    }

    @GET
    @Path("/utilization")
    @RequiresPermission(Permission.RENTALS_READ)
    @Operation(summary = "Booked hours ÷ available hours over [from, to) (default: the last 30 days), overall and per "
            + "item (a bulk item's available hours count every unit); canceled rentals and no-shows do not count")
    public UtilizationView utilization(@Auth Caller caller, @BeanParam ListParams list,
                                       @Parameter(description = "ISO-8601 time") @QueryParam("from") String from,
                                       @Parameter(description = "ISO-8601 time") @QueryParam("to") String to) {
        Instant[] range = range(from, to);
        Page<AnalyticsService.Usage> page = analytics.utilization(caller.orgId(), range[0], range[1], list.toPageRequest());
        AnalyticsService.Overall overall = analytics.overall(caller.orgId(), range[0], range[1]);
        return new UtilizationView("utilization", range[0], range[1],
                Share.of(overall.bookedSeconds(), overall.availableSeconds()),
                page.data().stream().map(ItemShare::of).toList(), page.hasMore());
    }

    @GET
    @Path("/underused")
    @RequiresPermission(Permission.RENTALS_READ)
    @Operation(summary = "Items booked less than the share `below` (default 0.2) of [from, to) (default: the last 30 days)")
    public UnderusedView underused(@Auth Caller caller, @BeanParam ListParams list,
                                   @QueryParam("from") String from, @QueryParam("to") String to,
                                   @QueryParam("below") @DefaultValue("0.2") double below) {
        Instant[] range = range(from, to);
        Page<AnalyticsService.Usage> page = analytics.underused(caller.orgId(), range[0], range[1], below,
                list.toPageRequest());
        return new UnderusedView("underused_items", range[0], range[1], below,
                page.data().stream().map(ItemShare::of).toList(), page.hasMore());
    }

    @GET
    @Path("/revenue")
    @RequiresPermission(Permission.RENTALS_READ)
    @Operation(summary = "Rental revenue and fees by the UTC day, ISO week or month the rentals start in, per currency, "
            + "over [from, to) (default: the last 30 days, at most 366)")
    public RevenueView revenue(@Auth Caller caller, @QueryParam("from") String from, @QueryParam("to") String to,
                               @Parameter(description = "day, week or month") @QueryParam("granularity") String granularity) {
        AnalyticsService.Granularity unit = AnalyticsService.Granularity.parse(granularity);
        Instant[] range = range(from, to);
        return new RevenueView("revenue", range[0], range[1], unit.name().toLowerCase(java.util.Locale.ROOT),
                analytics.revenue(caller.orgId(), range[0], range[1], unit).stream()
                        .map(r -> new RevenuePeriod(r.periodStart(), r.row().currency(), r.row().rentals(),
                                r.row().rentalRevenue(), r.row().fees(), r.row().rentalRevenue() + r.row().fees()))
                        .toList());
    }

    private Instant[] range(String from, String to) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (from == null && to == null) {
            return Times.range(null, null, now.minus(DEFAULT_RANGE), DEFAULT_RANGE);
        }
        return Times.range(from, to, (to == null ? now : Times.parameter("to", to)).minus(DEFAULT_RANGE), DEFAULT_RANGE);
    }
}
