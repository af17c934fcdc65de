package io.rentapi.core.idempotency;

/**
 * The first answer to a request carrying an Idempotency-Key, replayed to every retry.
 *
 * @param redactedFields the JSON fields (comma-separated) left out of {@code body} because they
 *                       were credentials, or null when nothing was left out
 */
public record StoredResponse(int status, String contentType, String body, String redactedFields) {
}
