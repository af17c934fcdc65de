package io.rentapi.api.http;

import io.rentapi.api.keys.IpAllowlist;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The caller's address: the connection's peer, or, when that peer is a trusted proxy, the nearest
 * untrusted address in {@code X-Forwarded-For} (read right to left, as proxies append).
 */
public final class ClientAddress {
    /** Only literals reach {@link InetAddress#getByName}, which would otherwise look a name up. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private final IpAllowlist trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.isEmpty() ? null : IpAllowlist.parse(trustedProxies, "http.trustedProxies");
    }

    public InetAddress of(HttpServletRequest request) {
        InetAddress peer = parse(request.getRemoteAddr());
        if (trustedProxies == null || peer == null || !trustedProxies.allows(peer)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null) {
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
