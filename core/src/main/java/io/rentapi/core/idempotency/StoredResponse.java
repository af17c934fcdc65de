package io.rentapi.core.idempotency;

/** The first answer to a request carrying an Idempotency-Key, replayed to every retry. */
public record StoredResponse(int status, String contentType, String body) {
}
