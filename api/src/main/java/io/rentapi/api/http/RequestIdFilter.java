package io.rentapi.api.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;

/**
 * Gives every request an id, before anything else runs: in the {@code Request-Id} response header,
 * in the MDC (so in every log line written while serving it) and in every problem document. Notes
 * the connection's peer too, for {@link ClientAddress#of(jakarta.ws.rs.container.ContainerRequestContext)}.
 */
public final class RequestIdFilter implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = RequestIds.acceptOrCreate(((HttpServletRequest) request).getHeader(RequestIds.HEADER));
        ((HttpServletResponse) response).setHeader(RequestIds.HEADER, id);
        request.setAttribute(ClientAddress.PEER, request.getRemoteAddr());
        MDC.put(RequestIds.MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }
}
