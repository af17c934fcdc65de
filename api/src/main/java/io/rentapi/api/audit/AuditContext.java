package io.rentapi.api.audit;

import io.rentapi.api.auth.Caller;

/**
 * Who is making the change the current thread serves, for the audit rows services write inside
 * their transactions: set by {@link AuditFilter} for state-changing requests, absent for jobs
 * (recorded as the system).
 *
 * @param recorded set once a service has written the request's row, so the filter adds no second one
 */
public final class AuditContext {
    private static final ThreadLocal<AuditContext> CURRENT = new ThreadLocal<>();

    final Caller caller;
    final String ip;
    final String userAgent;
    final String requestId;
    boolean recorded;

    AuditContext(Caller caller, String ip, String userAgent, String requestId) {
        this.caller = caller;
        this.ip = ip;
        this.userAgent = userAgent;
        this.requestId = requestId;
    }

    static AuditContext current() {
        return CURRENT.get();
    }

    static void set(AuditContext context) {
        CURRENT.set(context);
    }

    static void clear() {
        CURRENT.remove();
    }
}
