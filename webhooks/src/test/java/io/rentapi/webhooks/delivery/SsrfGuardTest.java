package io.rentapi.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SsrfGuardTest {
    private final SsrfGuard guard = new SsrfGuard(List.of(), Runnable::run);

    private boolean refused(String address) throws Exception {
        return guard.isRefused(InetAddress.getByName(address));
    }

    @Test
    void internalAndReservedAddressesAreRefused() throws Exception {
        for (String address : List.of("127.0.0.1", "127.9.9.9", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0", "224.0.0.1",
                "239.255.255.250", "240.0.0.1", "255.255.255.255", "198.18.0.1", "192.0.2.1",
                "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
                "64:ff9b::a00:1", "2001:db8::1")) {
            assertThat(refused(address)).as(address).isTrue();
        }
    }

    @Test
    void publicAddressesPass() throws Exception {
        for (String address : List.of("8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "93.184.216.34",
                "2606:4700:4700::1111", "2a00:1450:4001::1")) {
            assertThat(refused(address)).as(address).isFalse();
        }
    }

    @Test
    void theAllowListOpensOnlyItsRanges() throws Exception {
        SsrfGuard dev = new SsrfGuard(List.of("127.0.0.1/32", "10.20.0.0/16"), Runnable::run);
        assertThat(dev.isRefused(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(dev.isRefused(InetAddress.getByName("10.20.3.4"))).isFalse();
        assertThat(dev.isRefused(InetAddress.getByName("127.0.0.2"))).isTrue();
        assertThat(dev.isRefused(InetAddress.getByName("10.21.0.1"))).isTrue();
    }

    @Test
    void aNameIsRefusedIfAnyOfItsAddressesIs() {
        assertThatThrownBy(() -> guard.resolve("localhost")).isInstanceOf(SsrfGuard.RefusedAddress.class)
                .hasMessageContaining("localhost");
    }
}
