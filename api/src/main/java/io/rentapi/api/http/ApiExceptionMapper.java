package io.rentapi.api.http;

import io.rentapi.core.error.ApiException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {
    @Override
    public Response toResponse(ApiException e) {
        Response.ResponseBuilder response = Problem.of(e.code(), e.detail(), e.errors()).toResponse();
        if (e instanceof HeaderCarrying carrying) {
            carrying.headers().forEach(response::header);
        }
        return response.build();
    }
}
