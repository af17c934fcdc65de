package io.rentapi.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.error.FieldError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** An RFC 9457 problem document, the body of every error the API answers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code,
                      String requestId, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    public static Problem of(ErrorCode code, String detail, List<FieldError> errors) {
        return new Problem("urn:rentapi:problem:" + code.code(), code.title(), code.status(), detail, code.code(),
                RequestIds.current(), errors.isEmpty() ? null : List.copyOf(errors));
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(PROBLEM_JSON).entity(this);
    }
}
