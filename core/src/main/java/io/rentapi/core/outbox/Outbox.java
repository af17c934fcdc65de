package io.rentapi.core.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rentapi.core.db.Jdbc;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import org.jdbi.v3.core.Handle;

/**
 * Appends events in the caller's transaction, so that an event exists exactly when the change it
 * reports was committed. Delivery happens later, from the worker, never inside the transaction.
 */
public final class Outbox {
    private final ObjectMapper json;
    private final Clock clock;

    public Outbox(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** Must be called on a handle inside the transaction that made the change. */
    public long append(Handle transaction, OrgId orgId, String type, Object data) {
        return Jdbc.insert(transaction, EventDao.INSERT, orgId, type, payload(transaction, type, data), clock.instant());
    }

    /**
     * The insert {@link #append} runs, for a caller that sends it together with its other statements
     * ({@link Jdbc#pipeline}) in the same transaction.
     */
    public Jdbc.Statement event(Handle transaction, OrgId orgId, String type, Object data) {
        return Jdbc.Statement.change(EventDao.INSERT, orgId, type, payload(transaction, type, data), clock.instant());
    }

    private String payload(Handle transaction, String type, Object data) {
        if (!transaction.isInTransaction()) {
            throw new IllegalStateException("outbox events are written inside the transaction that caused them");
        }
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data for " + type + " is not serializable", e);
        }
    }
}
