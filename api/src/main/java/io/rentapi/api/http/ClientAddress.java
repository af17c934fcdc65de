package io.rentapi.api.http;

import io.rentapi.api.keys.IpAllowlist;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The caller's address: the connection's peer, or, when that peer is a trusted proxy, the nearest
 * untrusted address in {@code X-Forwarded-For} (read right to left, as proxies append).
 */
public final class ClientAddress {
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
        if (literal == null || literal.isEmpty() || !literal.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
