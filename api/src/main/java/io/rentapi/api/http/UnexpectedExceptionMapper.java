package io.rentapi.api.http;

import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort. Exceptions that wrap one of ours (an oversized body surfacing through the JSON
 * reader, an ApiException from inside a library callback) get their proper answer; anything else is
 * logged with the request id and answered 500 without internals.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodySizeLimitFilter.BodyTooLargeException) {
                return Problem.of(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large.", List.of())
                        .toResponse().build();
            }
            if (cause instanceof ApiException api) {
                return new ApiExceptionMapper().toResponse(api);
            }
            if (cause instanceof WebApplicationException web && cause != e) {
                return new WebApplicationExceptionMapper().toResponse(web);
            }
        }
        if (e instanceof java.io.EOFException || e instanceof org.eclipse.jetty.io.EofException) {
            LOG.info("client went away: {}", e.toString());
        } else {
            LOG.error("unexpected error", e);
        }
        return Problem.of(ErrorCode.INTERNAL_ERROR,
                "An unexpected error occurred; quote the request id when reporting it.", List.of()).toResponse().build();
    }
}
