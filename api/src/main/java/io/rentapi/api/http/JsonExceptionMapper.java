package io.rentapi.api.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.error.FieldError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Request bodies that are not JSON, or not JSON of the expected shape. */
public final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    private final ApiExceptionMapper domain = new ApiExceptionMapper();
    private final ObjectMapper json;

    public JsonExceptionMapper(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Response toResponse(JsonProcessingException e) {
        if (e instanceof JsonParseException || e instanceof JsonEOFException) {
            return Problem.of(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON.", List.of())
                    .toResponse().build();
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof ApiException api) {
            return domain.toResponse(api);
        }
        String field = e instanceof JsonMappingException mapping ? pathOf(mapping) : "";
        if (e instanceof UnrecognizedPropertyException unknown) {
            String name = field.isEmpty() ? String.valueOf(unknown.getPropertyName()) : field;
            return Problem.of(ErrorCode.UNKNOWN_FIELD, "Unknown field " + name + ".",
                    List.of(new FieldError(name, "is not a known field"))).toResponse().build();
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum() && format.getValue() instanceof String && !field.isEmpty()) {
            String allowed = Arrays.stream(format.getTargetType().getEnumConstants())
                    .map(this::jsonValueOf).collect(Collectors.joining(", "));
            return Problem.of(ErrorCode.VALIDATION_FAILED, "Field " + field + " must be one of " + allowed + ".",
                    List.of(new FieldError(field, "must be one of " + allowed))).toResponse().build();
        }
        if (field.isEmpty()) {
            return Problem.of(ErrorCode.INVALID_FIELD_TYPE, "The request body has the wrong shape; send a JSON object.",
                    List.of()).toResponse().build();
        }
        return Problem.of(ErrorCode.INVALID_FIELD_TYPE, "Field " + field + " has the wrong type.",
                List.of(new FieldError(field, "has the wrong type"))).toResponse().build();
    }

    private String jsonValueOf(Object constant) {
        try {
            return json.writeValueAsString(constant).replace("\"", "");
        } catch (JsonProcessingException e) {
            return String.valueOf(constant);
        }
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
