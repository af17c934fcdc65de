package io.rentapi.api.analytics;

import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.error.FieldError;
import io.rentapi.core.page.Page;
import io.rentapi.core.page.PageRequest;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

public final class AnalyticsService {
    /** 1970-01-05, the first Monday after the epoch: weeks start on Mondays (ISO). */
    private static final long FIRST_MONDAY = 4 * 86_400L;

    private final Jdbi jdbi;

    public AnalyticsService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Revenue buckets in UTC; each has the SQL that numbers a rental's start and the way back to a time. */
    public enum Granularity {
        DAY("FLOOR(EXTRACT(EPOCH FROM starts_at) / 86400)"),
        WEEK("FLOOR((EXTRACT(EPOCH FROM starts_at) - " + FIRST_MONDAY + ") / 604800)"),
        MONTH("(EXTRACT(YEAR FROM starts_at AT TIME ZONE 'UTC') * 12 + EXTRACT(MONTH FROM starts_at AT TIME ZONE 'UTC') - 1)");

        private final String sql;

        Granularity(String sql) {
            this.sql = sql;
        }

        public static Granularity parse(String value) {
            return switch (value == null ? "day" : value) {
                case "day" -> DAY;
                case "week" -> WEEK;
                case "month" -> MONTH;
                default -> throw new ApiException(ErrorCode.INVALID_PARAMETER, "granularity must be day, week or month.",
                        List.of(new FieldError("granularity", "must be day, week or month")));
            };
        }

        Instant start(long bucket) {
            return switch (this) {
                case DAY -> Instant.ofEpochSecond(bucket * 86_400);
                case WEEK -> Instant.ofEpochSecond(bucket * 604_800 + FIRST_MONDAY);
                case MONTH -> YearMonth.of((int) (bucket / 12), (int) (bucket % 12) + 1).atDay(1)
                        .atStartOfDay().toInstant(ZoneOffset.UTC);
            };
        }
    }

    public record Usage(ItemUsage item, double availableSeconds) {
    }

    public record Revenue(Instant periodStart, RevenueRow row) {
    }

    public record Overall(double bookedSeconds, double availableSeconds) {
    }

    public Page<Usage> utilization(OrgId orgId, Instant from, Instant to, PageRequest page) {
        double span = to.getEpochSecond() - from.getEpochSecond();
        return page.toPage(jdbi.onDemand(AnalyticsDao.class).usage(orgId, from, to, from.getEpochSecond(),
                to.getEpochSecond(), page.idAbove(), page.idBelow(), page.order(), page.fetch()))
                .map(u -> new Usage(u, span * u.units()));
    }

    public Overall overall(OrgId orgId, Instant from, Instant to) {
        AnalyticsDao dao = jdbi.onDemand(AnalyticsDao.class);
        double span = to.getEpochSecond() - from.getEpochSecond();
        return new Overall(dao.bookedSeconds(orgId, from, to, from.getEpochSecond(), to.getEpochSecond()),
                span * dao.units(orgId));
    }

    public Page<Usage> underused(OrgId orgId, Instant from, Instant to, double below, PageRequest page) {
        if (!(below > 0 && below <= 1)) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "below must be a share between 0 and 1.",
                    List.of(new FieldError("below", "must be greater than 0 and at most 1")));
        }
        double span = to.getEpochSecond() - from.getEpochSecond();
        return page.toPage(jdbi.onDemand(AnalyticsDao.class).underused(orgId, from, to, from.getEpochSecond(),
                to.getEpochSecond(), below, page.idAbove(), page.idBelow(), page.order(), page.fetch()))
                .map(u -> new Usage(u, span * u.units()));
    }

    public List<Revenue> revenue(OrgId orgId, Instant from, Instant to, Granularity granularity) {
        return jdbi.onDemand(AnalyticsDao.class).revenue(orgId, granularity.sql, from, to).stream()
                .map(r -> new Revenue(granularity.start(r.bucket()), r)).toList();
    }
}
