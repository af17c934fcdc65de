package io.rentapi.webhooks.delivery;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Resolves webhook hosts for the HTTP client and refuses any whose addresses lie in loopback,
 * private, link-local, CGNAT, multicast or reserved ranges, unless allow-listed. The client then
 * connects to exactly the addresses checked here, so a name that resolves differently a moment
 * later (DNS rebinding) cannot slip an internal address in; redirects are never followed.
 */
public final class SsrfGuard implements SocketAddressResolver {
    private static final List<Cidr> BLOCKED = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32",
            "2002::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8").stream().map(Cidr::parse).toList();

    private final List<Cidr> allowed;
    private final Executor resolverThreads;

    public SsrfGuard(List<String> allowed, Executor resolverThreads) {
        this.allowed = allowed.stream().map(Cidr::parse).toList();
        this.resolverThreads = resolverThreads;
    }

    /** A delivery refused because of where its URL leads. */
    public static final class RefusedAddress extends UnknownHostException {
        public RefusedAddress(String message) {
            super(message);
        }
    }

    public boolean isRefused(InetAddress address) {
        for (Cidr ok : allowed) {
            if (ok.contains(address)) {
                return false;
            }
        }
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        if (address instanceof Inet6Address v6 && embedsIpv4(v6)) {
            return true; // ::ffff:a.b.c.d and friends reach IPv4 hosts the ranges above would refuse
        }
        for (Cidr blocked : BLOCKED) {
            if (blocked.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean embedsIpv4(Inet6Address v6) {
        byte[] a = v6.getAddress();
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] == (byte) 0xff && a[11] == (byte) 0xff) || (a[10] == 0 && a[11] == 0);
    }

    /** Every address the name resolves to, checked; one refused address refuses the name. */
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        for (InetAddress address : addresses) {
            if (isRefused(address)) {
                throw new RefusedAddress("refused: " + host + " resolves to " + address.getHostAddress()
                        + ", a private, loopback, link-local or reserved address");
            }
        }
        return List.of(addresses);
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        resolverThreads.execute(() -> {
            try {
                List<InetSocketAddress> result = new ArrayList<>();
                for (InetAddress address : resolve(host)) {
                    result.add(new InetSocketAddress(address, port));
                }
                promise.succeeded(result);
            } catch (UnknownHostException e) {
                promise.failed(e);
            } catch (RuntimeException e) {
                promise.failed(e);
            }
        });
    }
}
