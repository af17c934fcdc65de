package io.rentapi.api.http;

import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.error.FieldError;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.glassfish.jersey.server.ParamException;

/** What Jersey itself throws (no route, wrong method, wrong media type, bad parameter) as problems. */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        if (e instanceof ParamException.PathParamException) {
            return Problem.of(ErrorCode.NOT_FOUND, "No such object.", List.of()).toResponse().build();
        }
        if (e instanceof ParamException param) {
            String name = param.getParameterName();
            return Problem.of(ErrorCode.INVALID_PARAMETER, "Parameter " + name + " has an invalid value.",
                    List.of(new FieldError(name, "has an invalid value"))).toResponse().build();
        }
        if (e instanceof NotFoundException) {
            return Problem.of(ErrorCode.ROUTE_NOT_FOUND, "There is no such route; see /v1/openapi.json.", List.of())
                    .toResponse().build();
        }
        if (e instanceof NotAllowedException) {
            Response.ResponseBuilder response = Problem.of(ErrorCode.METHOD_NOT_ALLOWED,
                    "This route does not answer that method.", List.of()).toResponse();
            String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
            if (allow != null) {
                response.header(HttpHeaders.ALLOW, allow);
            }
            return response.build();
        }
        if (e instanceof NotSupportedException) {
            return Problem.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the request body as application/json.", List.of())
                    .toResponse().build();
        }
        if (e instanceof NotAcceptableException) {
            return Problem.of(ErrorCode.NOT_ACCEPTABLE, "This route answers application/json.", List.of())
                    .toResponse().build();
        }
        if (e instanceof NotAuthorizedException) {
            return Problem.of(ErrorCode.UNAUTHENTICATED, "Authentication required.", List.of()).toResponse().build();
        }
        if (e instanceof ForbiddenException) {
            return Problem.of(ErrorCode.PERMISSION_DENIED, "Your role does not allow this.", List.of()).toResponse().build();
        }
        int status = e.getResponse().getStatus();
        ErrorCode code = status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
        return Problem.of(code, status >= 500 ? "An unexpected error occurred." : "The request is not valid.", List.of())
                .toResponse().build();
    }
}
