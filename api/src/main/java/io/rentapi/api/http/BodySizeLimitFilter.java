package io.rentapi.api.http;

import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses bodies over the configured size with 413: at once when Content-Length says so, and while
 * reading when the body is chunked, so a large body is never buffered whole.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class BodySizeLimitFilter implements ContainerRequestFilter {
    /**
     * An over-long body is still read (and thrown away) up to this size before the 413 is sent:
     * a client that is still writing when the connection closes never sees the answer.
     */
    static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private final long maxBytes;

    public BodySizeLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                long length = Long.parseLong(declared.trim());
                if (length > maxBytes) {
                    if (length <= DRAIN_LIMIT) {
                        drain(request.getEntityStream());
                    }
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "Content-Length is not a number.");
            }
        }
        // an HTTP/1.1 request without either header has no body, and asking Jersey would mean peeking at the stream
        boolean mayHaveBody = declared != null || request.getHeaderString("Transfer-Encoding") != null;
        if (mayHaveBody && request.hasEntity()) {
            request.setEntityStream(new Bounded(request.getEntityStream(), maxBytes));
        }
    }

    static void drain(InputStream in) {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        try {
            int n;
            while (total < DRAIN_LIMIT && (n = in.read(buffer)) > 0) {
                total += n;
            }
        } catch (IOException e) {
            // the client gave up; nothing to answer
        }
    }

    private ApiException tooLarge() {
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "Request bodies are limited to " + maxBytes + " bytes.");
    }

    /** Thrown from inside body parsing; the mappers find it among the causes. */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long maxBytes) {
            super("request body exceeds " + maxBytes + " bytes");
        }
    }

    private static final class Bounded extends FilterInputStream {
        private final long max;
        private long read;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > max) {
                drain(in);
                throw new BodyTooLargeException(max);
            }
        }
    }
}
