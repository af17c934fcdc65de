package io.rentapi.core.error;

import java.util.List;

/**
 * The one exception domain code throws for an answer the caller should see. It carries an
 * {@link ErrorCode}; the HTTP layer decides how it looks on the wire.
 */
public class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final List<FieldError> errors;

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public ApiException(ErrorCode code, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.NOT_FOUND, "No such " + what + ".");
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, field + " " + message,
                List.of(new FieldError(field, message)));
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }
}
