package io.rentapi.api.usage;

import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.error.FieldError;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/** Usage reports over the hourly counts, by hour or by UTC day. */
public final class UsageService {
    private static final int MAX_BUCKETS = 24 * 31 + 1;

    private final Jdbi jdbi;
    private final Clock clock;

    public UsageService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A validated report range. Defaults: the last 24 hours by hour, the last 30 days by day. */
    public record Range(Instant from, Instant to, ChronoUnit unit) {
        public static Range parse(String from, String to, String granularity, Clock clock) {
            ChronoUnit unit = switch (granularity == null ? "hour" : granularity) {
                case "hour" -> ChronoUnit.HOURS;
                case "day" -> ChronoUnit.DAYS;
                default -> throw invalid("granularity", "must be hour or day");
            };
            Instant end = to == null ? clock.instant() : instant("to", to);
            end = end.truncatedTo(unit).equals(end) ? end : end.truncatedTo(unit).plus(1, unit);
            Instant start = from == null ? end.minus(unit == ChronoUnit.HOURS ? Duration.ofHours(24) : Duration.ofDays(30))
                    : instant("from", from).truncatedTo(unit);
            if (!start.isBefore(end)) {
                throw invalid("from", "must be before to");
            }
            if (unit.between(start, end) > MAX_BUCKETS) {
                throw invalid("from", "the range may cover at most " + MAX_BUCKETS + " " + unit.toString().toLowerCase());
            }
            return new Range(start, end, unit);
        }

        private static Instant instant(String field, String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw invalid(field, "must be an ISO-8601 UTC time such as 2026-01-31T00:00:00Z");
            }
        }

        private static ApiException invalid(String field, String message) {
            return new ApiException(ErrorCode.INVALID_PARAMETER, field + " " + message + ".", List.of(new FieldError(field, message)));
        }
    }

    public UsageView ofKey(OrgId orgId, long apiKeyId, Range range) {
        return view(apiKeyId, range, jdbi.onDemand(UsageDao.class).ofKey(orgId, apiKeyId, range.from(), range.to()));
    }

    public UsageView ofOrganization(OrgId orgId, Range range) {
        return view(null, range, jdbi.onDemand(UsageDao.class).ofOrganization(orgId, range.from(), range.to()));
    }

    private static UsageView view(Long apiKeyId, Range range, List<UsageRow> rows) {
        TreeMap<Instant, Map<String, Long>> buckets = new TreeMap<>();
        for (Instant t = range.from(); t.isBefore(range.to()); t = t.plus(1, range.unit())) {
            buckets.put(t, new LinkedHashMap<>(Map.of("2xx", 0L, "3xx", 0L, "4xx", 0L, "5xx", 0L)));
        }
        long total = 0;
        for (UsageRow row : rows) {
            Instant bucket = row.hourStart().truncatedTo(range.unit());
            buckets.get(bucket).merge(row.statusClass() + "xx", row.requests(), Long::sum);
            total += row.requests();
        }
        List<UsageView.Bucket> data = new ArrayList<>();
        buckets.forEach((start, byStatus) -> data.add(new UsageView.Bucket(start,
                byStatus.values().stream().mapToLong(Long::longValue).sum(), new TreeMap<>(byStatus))));
        return new UsageView("usage", apiKeyId, range.unit() == ChronoUnit.HOURS ? "hour" : "day", range.from(),
                range.to(), total, data);
    }
}
