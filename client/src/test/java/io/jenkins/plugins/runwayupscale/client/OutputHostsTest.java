package io.jenkins.plugins.runwayupscale.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputHostsTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "10.0.0.5",
                "100.64.0.1",
                "100.127.255.254",
                "127.0.0.1",
                "169.254.169.254",
                "172.16.0.1",
                "172.31.255.255",
                "192.0.2.10",
                "192.168.1.1",
                "198.18.0.1",
                "224.0.0.1",
                "255.255.255.255",
                "::",
                "::1",
                "fe80::1",
                "fc00::1",
                "fd12:3456::1",
                "ff02::1",
                "::ffff:10.0.0.1",
                "2002:a00:1::",
                "64:ff9b::a9fe:a9fe",
                "2001:db8::1",
                "::127.0.0.1"
            })
    void internalAddressesAreNotPublic(String address) throws Exception {
        assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "2002:5db8:d822::"})
    void publicAddressesArePublic(String address) throws Exception {
        assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).isTrue();
    }

    @Test
    void theApiOriginIsTrustedWithoutALookupAndOnlyOnItsOwnPort() throws Exception {
        OutputHosts hosts = new OutputHosts("http://127.0.0.1:8080", host -> {
            throw new AssertionError("no lookup for the API's own origin");
        });

        assertThat(hosts.vet("http://127.0.0.1:8080/out/a.mp4").address()).isNull();
        assertThatThrownBy(() -> hosts.vet("http://127.0.0.1:8081/out/a.mp4"))
                .isInstanceOf(InvalidResponseException.class)
                .hasMessageContaining("http://127.0.0.1:8081/out/a.mp4: it is neither https nor on the API's own");
    }

    @Test
    void aPublicNameIsFetchedFromTheAddressThatWasChecked() throws Exception {
        InetAddress cdn = InetAddress.getByName("93.184.216.34");
        OutputHosts hosts = new OutputHosts("https://api.cometapi.com", host -> new InetAddress[] {cdn});

        OutputHosts.Destination to = hosts.vet("https://CDN.Example.com./out/a.mp4?X-Amz-Signature=abc");

        assertThat(to.address()).isEqualTo(cdn);
        assertThat(to.uri().getHost()).isEqualTo("CDN.Example.com.");
    }

    @Test
    void refusalsNameHostAndPathButNeverTheSignature() {
        OutputHosts hosts = new OutputHosts(null, host -> new InetAddress[] {InetAddress.getByName("10.0.0.1")});

        assertThatThrownBy(() -> hosts.vet("https://cdn.example.com/out/a.mp4?X-Amz-Signature=s3cr3t"))
                .hasMessage(
                        "Refusing to download the output from https://cdn.example.com/out/a.mp4: its host name"
                                + " leads to 10.0.0.1, an internal address (loopback, private, link-local or reserved)."
                                + " Outputs are fetched only from the API's own address or over https from a public host name.");
    }
}
