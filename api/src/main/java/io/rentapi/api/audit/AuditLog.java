package io.rentapi.api.audit;

import io.rentapi.core.error.ApiException;
import io.rentapi.core.page.Page;
import io.rentapi.core.page.PageRequest;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** Reads an organization's trail with filters; the filter columns are fixed here, never taken from the caller. */
public final class AuditLog {
    private static final Set<String> CATEGORIES = Set.of("change", "security");
    private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    private static final Set<String> ACTORS = Set.of("user", "api_key", "anonymous", "system");

    private final Jdbi jdbi;

    public AuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public record Filter(String action, String category, String severity, String actorType, Long actorId,
                         String targetId, String since, String until) {
    }

    public Page<AuditEntry> list(OrgId orgId, Filter filter, PageRequest page) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, org_id, occurred_at, category, severity, action, actor_type, actor_id, target_type, target_id,
                       ip, user_agent, request_id, status, before_state, after_state
                  FROM audit_log
                 WHERE org_id = :orgId AND id > :idAbove AND id < :idBelow
                """);
        if (filter.action() != null) {
            sql.append(" AND action LIKE :action ESCAPE '!'");
        }
        if (filter.category() != null) {
            oneOf("category", filter.category(), CATEGORIES);
            sql.append(" AND category = :category");
        }
        if (filter.severity() != null) {
            oneOf("severity", filter.severity(), SEVERITIES);
            sql.append(" AND severity = :severity");
        }
        if (filter.actorType() != null) {
            oneOf("actor_type", filter.actorType(), ACTORS);
            sql.append(" AND actor_type = :actorType");
        }
        if (filter.actorId() != null) {
            sql.append(" AND actor_id = :actorId");
        }
        if (filter.targetId() != null) {
            sql.append(" AND target_id = :targetId");
        }
        Instant since = instant("since", filter.since());
        Instant until = instant("until", filter.until());
        if (since != null) {
            sql.append(" AND occurred_at >= :since");
        }
        if (until != null) {
            sql.append(" AND occurred_at < :until");
        }
        sql.append(" ORDER BY id ").append(page.order()).append(" LIMIT :fetch");
        return page.toPage(jdbi.withHandle(h -> {
            Query q = h.createQuery(sql.toString())
                    .bind("orgId", orgId.value()).bind("idAbove", page.idAbove()).bind("idBelow", page.idBelow())
                    .bind("fetch", page.fetch());
            if (filter.action() != null) {
                // a trailing * matches any suffix: action=api_key.* or action=POST /v1/org*
                String a = filter.action().replace("!", "!!").replace("%", "!%").replace("_", "!_");
                q.bind("action", a.endsWith("*") ? a.substring(0, a.length() - 1) + "%" : a);
            }
            bindIf(q, "category", filter.category());
            bindIf(q, "severity", filter.severity());
            bindIf(q, "actorType", filter.actorType());
            bindIf(q, "actorId", filter.actorId());
            bindIf(q, "targetId", filter.targetId());
            bindIf(q, "since", since);
            bindIf(q, "until", until);
            return q.map((rs, ctx) -> new AuditEntry(rs.getLong("id"), new OrgId(rs.getLong("org_id")),
                    rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant(), rs.getString("category"),
                    rs.getString("severity"), rs.getString("action"), rs.getString("actor_type"),
                    (Long) rs.getObject("actor_id", Long.class), rs.getString("target_type"), rs.getString("target_id"),
                    rs.getString("ip"), rs.getString("user_agent"), rs.getString("request_id"),
                    (Integer) rs.getObject("status", Integer.class), rs.getString("before_state"),
                    rs.getString("after_state"))).list();
        }));
    }

    private static void bindIf(Query q, String name, Object value) {
        if (value != null) {
            q.bindByType(name, value, value.getClass());
        }
    }

    private static void oneOf(String field, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new ApiException(io.rentapi.core.error.ErrorCode.INVALID_PARAMETER, field + " must be one of "
                    + String.join(", ", new java.util.TreeSet<>(allowed)) + ".",
                    java.util.List.of(new io.rentapi.core.error.FieldError(field, "is not one of " + allowed)));
        }
    }

    private static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(io.rentapi.core.error.ErrorCode.INVALID_PARAMETER, field + " must be an ISO-8601 time.",
                    java.util.List.of(new io.rentapi.core.error.FieldError(field, "is not an ISO-8601 time")));
        }
    }
}
