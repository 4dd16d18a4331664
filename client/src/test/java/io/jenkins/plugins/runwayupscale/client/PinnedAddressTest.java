package io.jenkins.plugins.runwayupscale.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A fetch connects to the address that was checked, not to whatever the name resolves to when it connects. */
class PinnedAddressTest {
    @RegisterExtension
    static WireMockExtension server = Stubs.server();

    @TempDir
    Path dir;

    private final ApacheHttpTransport transport =
            new ApacheHttpTransport(EngineConfig.builder().build());

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void connectsToTheCheckedAddressAndStillNamesTheHost() throws Exception {
        server.stubFor(get(urlEqualTo("/out/a.mp4")).willReturn(aResponse().withBody("video")));
        int port = server.getPort();
        // ".invalid" never resolves: only the pinned address can have been connected to.
        URI uri = URI.create("http://cdn.runway-upscale.invalid:" + port + "/out/a.mp4");
        Path file = dir.resolve("a.part");

        FileFetch fetch = transport
                .fetchToFile(new FileRequest(
                        uri,
                        InetAddress.getLoopbackAddress(),
                        file,
                        Duration.ofSeconds(10),
                        1000,
                        new DownloadProgress()))
                .get(10, TimeUnit.SECONDS);

        assertThat(fetch.status()).isEqualTo(200);
        assertThat(Files.readString(file)).isEqualTo("video");
        server.verify(getRequestedFor(urlEqualTo("/out/a.mp4"))
                .withHeader("Host", equalTo("cdn.runway-upscale.invalid:" + port)));
    }
}
