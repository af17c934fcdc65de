package io.rentapi.api.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rentapi.core.error.ApiException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpAllowlistTest {
    @Test
    void rangesMatchTheirAddressesOnly() throws Exception {
        IpAllowlist list = IpAllowlist.parse(List.of("192.0.2.0/24", "198.51.100.7", "2001:db8::/32"), "allowed_ips");
        assertThat(list.allows(InetAddress.getByName("192.0.2.200"))).isTrue();
        assertThat(list.allows(InetAddress.getByName("192.0.3.1"))).isFalse();
        assertThat(list.allows(InetAddress.getByName("198.51.100.7"))).isTrue();
        assertThat(list.allows(InetAddress.getByName("198.51.100.8"))).isFalse();
        assertThat(list.allows(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
        assertThat(list.allows(InetAddress.getByName("2001:db9::1"))).isFalse();
        assertThat(IpAllowlist.stored(list.toStored()).entries()).isEqualTo(list.entries());
        assertThat(IpAllowlist.any().allows(InetAddress.getByName("203.0.113.1"))).isTrue();
    }

    @Test
    void namesAndBadPrefixesAreRefused() {
        for (String bad : List.of("localhost", "10.0.0.0/33", "::1/129", "10.0.0", "")) {
            assertThatThrownBy(() -> IpAllowlist.parse(List.of(bad), "allowed_ips")).as(bad).isInstanceOf(ApiException.class);
        }
    }
}
