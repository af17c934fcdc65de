package io.rentapi.api.webhooks;

import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.error.FieldError;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Filter parameters of the webhook lists, checked into values or a 400 naming the parameter. */
final class QueryParams {
    private QueryParams() {
    }

    static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, name + " is not a time.",
                    List.of(new FieldError(name, "must be an ISO-8601 UTC time such as 2024-01-31T00:00:00Z")));
        }
    }

    static String oneOf(String name, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!allowed.contains(value)) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, name + " is not one of " + allowed + ".",
                    List.of(new FieldError(name, "must be one of " + String.join(", ", allowed))));
        }
        return value;
    }

    /** An exact event type, or a {@code prefix.*} wildcard. */
    static String eventType(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!io.rentapi.webhooks.endpoints.EventTypeFilter.isValidEntry(value)) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, name + " is not an event type.",
                    List.of(new FieldError(name, "must be an event type such as rental.created, or rental.*")));
        }
        return value;
    }
}
