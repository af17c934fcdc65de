package io.rentapi.core.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.jdbi.v3.core.Handle;

/**
 * Queues mail in the caller's transaction; the worker sends it later and retries failures, so a
 * slow or broken mail server never fails or delays a request, and no mail leaves for a change that
 * was rolled back.
 */
public final class MailOutbox {
    private final ObjectMapper json;
    private final Clock clock;

    public MailOutbox(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** Must be called on a handle inside the transaction that made the change. */
    public long enqueue(Handle transaction, Mail mail) {
        if (!transaction.isInTransaction()) {
            throw new IllegalStateException("mail is queued inside the transaction that caused it");
        }
        String model;
        try {
            model = json.writeValueAsString(mail.model());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("mail model for " + mail.template() + " is not serializable", e);
        }
        return transaction.attach(MailDao.class).insert(mail.orgId() == null ? null : mail.orgId().value(),
                mail.to(), mail.template(), model, clock.instant());
    }
}
