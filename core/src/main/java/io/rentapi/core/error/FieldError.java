package io.rentapi.core.error;

/** One invalid field of a request: the snake_case path as the client sent it, and what is wrong. */
public record FieldError(String field, String message) {
}
