package io.rentapi.core.idempotency;

import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.tenancy.OrgId;
import io.rentapi.core.db.SqlErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Remembers the first answer to each (organization, Idempotency-Key) for a day. The key is claimed
 * with an insert before the request runs, so two concurrent requests with one key cannot both run:
 * the second gets 409 while the first is in progress, and the stored answer afterwards.
 */
public final class IdempotencyStore {
    public static final Duration RETENTION = Duration.ofHours(24);
    /** A claim older than this whose request never finished (the process died) may be taken over. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

    private final Jdbi jdbi;
    private final Clock clock;

    public IdempotencyStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Claims the key for this request. Answers the stored response when the same request was
     * already answered, empty when the caller should run the request and then {@link #complete} or
     * {@link #release} the key.
     */
    public Optional<StoredResponse> claim(OrgId orgId, String key, String requestHash) {
        IdempotencyDao dao = jdbi.onDemand(IdempotencyDao.class);
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = clock.instant();
            try {
                dao.insert(orgId, key, requestHash, now, now.plus(RETENTION));
                return Optional.empty();
            } catch (UnableToExecuteStatementException e) {
                if (!SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
            }
            Optional<IdempotencyRecord> existing = dao.find(orgId, key);
            if (existing.isEmpty()) {
                continue; // released or purged between our insert and read: claim again
            }
            IdempotencyRecord record = existing.get();
            if (!record.expiresAt().isAfter(now)) {
                dao.deleteIfExpired(orgId, key, now);
                continue;
            }
            if (!record.requestHash().equals(requestHash)) {
                throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used with a different request; use a new key for a new request.");
            }
            if (record.completed()) {
                return Optional.of(new StoredResponse(record.responseStatus(), record.responseType(), record.responseBody(),
                        record.responseRedacted()));
            }
            if (record.lockedAt() != null && record.lockedAt().plus(ABANDONED_AFTER).isBefore(now)
                    && dao.takeOver(orgId, key, record.lockedAt(), now) == 1) {
                return Optional.empty();
            }
            throw new ApiException(ErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS,
                    "A request with this Idempotency-Key is still being processed; retry later.");
        }
        throw new ApiException(ErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS,
                "A request with this Idempotency-Key is being processed concurrently; retry later.");
    }

    public void complete(OrgId orgId, String key, StoredResponse response) {
        jdbi.onDemand(IdempotencyDao.class).complete(orgId, key, response.status(), response.contentType(), response.body(),
                response.redactedFields());
    }

    /** Forgets a claim whose request failed on our side, so that a retry runs it again. */
    public void release(OrgId orgId, String key) {
        jdbi.onDemand(IdempotencyDao.class).release(orgId, key);
    }

    public int purgeExpired() {
        return jdbi.onDemand(IdempotencyDao.class).purgeExpired(clock.instant());
    }
}
