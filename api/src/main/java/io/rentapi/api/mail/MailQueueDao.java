package io.rentapi.api.mail;

import io.rentapi.core.tenancy.CrossTenant;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The sending side of the mail queue, for every organization at once. */
@RegisterConstructorMapper(QueuedMail.class)
public interface MailQueueDao {
    @CrossTenant("one sender drains the queue of every organization")
    @SqlQuery("""
        SELECT id, org_id, recipient, template, model, attempts
          FROM mail_outbox
         WHERE status = 'pending' AND next_attempt_at <= :now
         ORDER BY next_attempt_at, id
         LIMIT :limit
           FOR UPDATE SKIP LOCKED
        """)
    List<QueuedMail> claimDue(Instant now, int limit);

    /** Pushes claimed rows out of everyone's reach while they are being sent, outside the transaction. */
    @CrossTenant("one sender drains the queue of every organization")
    @SqlUpdate("UPDATE mail_outbox SET next_attempt_at = :leaseUntil WHERE id IN (<ids>)")
    void lease(@BindList("ids") List<Long> ids, Instant leaseUntil);

    @CrossTenant("one sender drains the queue of every organization")
    @SqlUpdate("""
        UPDATE mail_outbox SET status = 'sent', attempts = attempts + 1, sent_at = :now, last_error = NULL
         WHERE id = :id
        """)
    void markSent(long id, Instant now);

    @CrossTenant("one sender drains the queue of every organization")
    @SqlUpdate("""
        UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = :next, last_error = :error
         WHERE id = :id
        """)
    void retryLater(long id, Instant next, String error);

    @CrossTenant("one sender drains the queue of every organization")
    @SqlUpdate("UPDATE mail_outbox SET status = 'failed', attempts = attempts + 1, last_error = :error WHERE id = :id")
    void markFailed(long id, String error);
}
