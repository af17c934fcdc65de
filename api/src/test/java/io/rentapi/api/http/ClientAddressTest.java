package io.rentapi.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private final ClientAddress behindProxy = new ClientAddress(List.of("10.0.0.5", "2001:db8::/64"));

    @Test
    void forwardedForIsIgnoredUnlessTheDirectPeerIsATrustedProxy() throws Exception {
        assertThat(behindProxy.of(request("203.0.113.9", "10.1.2.3")))
                .as("a client writing X-Forwarded-For itself").isEqualTo(InetAddress.getByName("203.0.113.9"));
        assertThat(new ClientAddress(List.of()).of(request("10.0.0.5", "10.1.2.3")))
                .as("no proxy configured: the header means nothing").isEqualTo(InetAddress.getByName("10.0.0.5"));
    }

    @Test
    void aTrustedProxyIsBelievedAboutTheAddressItSaw() throws Exception {
        assertThat(behindProxy.of(request("10.0.0.5", "10.1.2.3"))).isEqualTo(InetAddress.getByName("10.1.2.3"));
        assertThat(behindProxy.of(request("2001:db8::7", "198.51.100.4, 10.0.0.5")))
                .as("read right to left past trusted hops").isEqualTo(InetAddress.getByName("198.51.100.4"));
        assertThat(behindProxy.of(request("10.0.0.5", "10.1.2.3, 192.0.2.44")))
                .as("what the client wrote first is not believed").isEqualTo(InetAddress.getByName("192.0.2.44"));
        assertThat(behindProxy.of(request("10.0.0.5", "evil.example.com")))
                .as("a name is never resolved").isEqualTo(InetAddress.getByName("10.0.0.5"));
        assertThat(behindProxy.of(request("10.0.0.5", null))).isEqualTo(InetAddress.getByName("10.0.0.5"));
    }

    /** The two things ClientAddress reads of a servlet request. */
    private static HttpServletRequest request(String remoteAddr, String forwardedFor) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> remoteAddr;
                    case "getHeader" -> "X-Forwarded-For".equalsIgnoreCase((String) args[0]) ? forwardedFor : null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
