package io.rentapi.api.http;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.error.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Comparator;
import java.util.List;

/** Bean Validation failures on request bodies: 422 with one entry per field, in the JSON's own names. */
public final class ValidationExceptionMapper implements ExceptionMapper<ConstraintViolationException> {
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    @Override
    public Response toResponse(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        boolean bodyMissing = errors.size() == 1 && errors.get(0).field().isEmpty();
        if (bodyMissing) {
            return Problem.of(ErrorCode.MISSING_BODY, "This route needs a JSON request body.", List.of())
                    .toResponse().build();
        }
        return Problem.of(ErrorCode.VALIDATION_FAILED, "Some fields are not valid; see errors.", errors)
                .toResponse().build();
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.RETURN_VALUE || node.getName() == null) {
                if (node.getIndex() != null && field.length() > 0) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (field.length() > 0) {
                field.append('.');
            }
            field.append(SNAKE.translate(node.getName()));
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
        }
        return field.toString();
    }
}
