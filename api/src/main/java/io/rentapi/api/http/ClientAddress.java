package io.rentapi.api.http;

import io.rentapi.api.keys.IpAllowlist;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The caller's address: the connection's peer, or, when that peer is a trusted proxy, the nearest
 * untrusted address in {@code X-Forwarded-For} (read right to left, as proxies append).
 */
public final class ClientAddress {
    /**
     * The request property (a servlet request attribute) in which {@link RequestIdFilter} notes the
     * connection's peer for Jersey's filters: the servlet request they could inject instead is a proxy
     * that looks the request up again on every call.
     */
    public static final String PEER = "io.rentapi.peer";
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    /** Only literals reach {@link InetAddress#getByName}, which would otherwise look a name up. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private final IpAllowlist trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.isEmpty() ? null : IpAllowlist.parse(trustedProxies, "http.trustedProxies");
    }

    public InetAddress of(HttpServletRequest request) {
        return of(request.getRemoteAddr(), request.getHeader(FORWARDED_FOR));
    }

    /** The same, in a Jersey filter: the peer as {@link RequestIdFilter} noted it. */
    public InetAddress of(ContainerRequestContext request) {
        return of((String) request.getProperty(PEER), request.getHeaderString(FORWARDED_FOR));
    }

    private InetAddress of(String remoteAddr, String forwarded) {
        InetAddress peer = parse(remoteAddr);
        if (trustedProxies == null || peer == null || !trustedProxies.allows(peer) || forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        InetAddress client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            InetAddress hop = parse(hops[i].strip());
            if (hop == null) {
                return client;
            }
            client = hop;
            if (!trustedProxies.allows(hop)) {
                return hop;
            }
        }
        return client;
    }

    private static InetAddress parse(String literal) {
        if (literal == null || literal.isEmpty() || !LITERAL.matcher(literal).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
