package io.rentapi.api.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.http.ApiJson;
import io.rentapi.core.db.Jdbc;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import org.jdbi.v3.core.Handle;

/**
 * Writes audit rows inside the caller's transaction, so the trail holds exactly the changes that
 * committed. Who, from where and in which request come from the {@link AuditContext} of the
 * request being served.
 *
 * <pre>{@code AuditTrail.change(orgId, "member.role_changed").target("user", id).before(b).after(a).write(h, clock);}</pre>
 */
public final class AuditTrail {
    private static final ObjectMapper JSON = ApiJson.configure(ApiJson.newMapper());

    private final OrgId orgId;
    private final String action;
    private final String category;
    private Severity severity = Severity.INFO;
    private String targetType;
    private String targetId;
    private Object before;
    private Object after;
    private Long actingUserId;

    private AuditTrail(OrgId orgId, String action, String category) {
        this.orgId = orgId;
        this.action = action;
        this.category = category;
    }

    /** A state change worth a before/after summary. */
    public static AuditTrail change(OrgId orgId, String action) {
        return new AuditTrail(orgId, action, "change");
    }

    /** A security event (failed log-in, lockout, 2FA change, key creation, token reuse...). */
    public static AuditTrail security(OrgId orgId, String action, Severity severity) {
        AuditTrail entry = new AuditTrail(orgId, action, "security");
        entry.severity = severity;
        return entry;
    }

    public AuditTrail target(String type, Object id) {
        this.targetType = type;
        this.targetId = id == null ? null : id.toString();
        return this;
    }

    public AuditTrail before(Object state) {
        this.before = state;
        return this;
    }

    public AuditTrail after(Object state) {
        this.after = state;
        return this;
    }

    /** The person acting when the request carries no credentials yet (log-in, password reset, accepting an invitation). */
    public AuditTrail actor(long userId) {
        this.actingUserId = userId;
        return this;
    }

    public void write(Handle h, Clock clock) {
        Jdbc.pipeline(h, statement(clock));
    }

    /**
     * The insert {@link #write} runs, for a caller that sends it together with its other statements
     * ({@link Jdbc#pipeline}) in the transaction that makes the change.
     */
    public Jdbc.Statement statement(Clock clock) {
        AuditContext context = AuditContext.current();
        Actor actor = actor(context);
        Jdbc.Statement insert = Jdbc.Statement.change(AuditDao.INSERT, orgId, clock.instant(), category,
                severity.value(), action, actor.type, actor.id, targetType, targetId,
                context == null ? null : context.ip, context == null ? null : context.userAgent,
                context == null ? null : context.requestId, null, json(before), json(after));
        if (context != null) {
            // the request's change is in its own trail: the audit filter adds no second entry
            context.recorded = true;
        }
        return insert;
    }

    /** Writes the event to the trail of every organization the person belongs to. */
    public static void forUser(Handle h, Clock clock, long userId, String action, Severity severity, Object detail) {
        AuditContext context = AuditContext.current();
        AuditTrail entry = security(null, action, severity).actor(userId);
        Actor actor = entry.actor(context);
        h.attach(AuditDao.class).insertForUser(userId, clock.instant(), severity.value(), action, actor.type, actor.id,
                Long.toString(userId), context == null ? null : context.ip, context == null ? null : context.userAgent,
                context == null ? null : context.requestId, null, json(detail));
        if (context != null) {
            context.recorded = true;
        }
    }

    private record Actor(String type, Long id) {
    }

    private Actor actor(AuditContext context) {
        Caller caller = context == null ? null : context.caller;
        if (caller != null) {
            return caller.apiKeyId().map(id -> new Actor("api_key", id)).orElse(new Actor("user", caller.userId()));
        }
        if (actingUserId != null) {
            return new Actor("user", actingUserId);
        }
        return context == null ? new Actor("system", null) : new Actor("anonymous", null);
    }

    static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit state is not serializable", e);
        }
    }
}
