package io.jenkins.plugins.runwayupscale.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectDownloadTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @TempDir
    Path dir;

    private String url(String path) {
        return server.baseUrl() + path;
    }

    private long partFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part"))
                    .count();
        }
    }

    @Test
    void streamsIntoTheTargetAndReturnsSizeAndChecksum() throws Exception {
        byte[] body = VideoEncoderTest.mp4(2 * 1024 * 1024 + 5);
        server.stubFor(get(urlEqualTo("/out/4k.mp4"))
                .willReturn(aResponse().withHeader("Content-Type", "video/mp4").withBody(body)));

        DownloadedVideo saved =
                DirectDownload.fetch(url("/out/4k.mp4"), dir.resolve("intro-4k.mp4"), "out/intro-4k.mp4");

        assertThat(saved)
                .isEqualTo(new DownloadedVideo(
                        "out/intro-4k.mp4", body.length, VideoEncoderTest.sha256(body), "video/mp4"));
        assertThat(Files.readAllBytes(dir.resolve("intro-4k.mp4"))).isEqualTo(body);
        assertThat(partFiles()).isZero();
        server.verify(getRequestedFor(urlEqualTo("/out/4k.mp4")).withoutHeader("Authorization"));
    }

    @Test
    void replacesAnEarlierFileOnlyWhenTheNewOneIsComplete() throws Exception {
        Path target = Files.writeString(dir.resolve("intro-4k.mp4"), "yesterday's render");
        server.stubFor(get(urlEqualTo("/broken.mp4")).willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));

        assertThatThrownBy(() -> DirectDownload.fetch(url("/broken.mp4"), target, "intro-4k.mp4"))
                .isInstanceOf(IOException.class);
        assertThat(Files.readString(target)).isEqualTo("yesterday's render");
        assertThat(partFiles()).isZero();

        server.stubFor(get(urlEqualTo("/ok.mp4")).willReturn(aResponse().withBody("today's render")));
        DirectDownload.fetch(url("/ok.mp4"), target, "intro-4k.mp4");
        assertThat(Files.readString(target)).isEqualTo("today's render");
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 404, 410})
    void saysTheUrlExpiredWhenTheOutputIsGone(int status) {
        server.stubFor(get(urlEqualTo("/gone.mp4"))
                .willReturn(
                        aResponse().withStatus(status).withBody("<Error>AccessDenied: Request has expired</Error>")));

        assertThatThrownBy(() -> DirectDownload.fetch(url("/gone.mp4"), dir.resolve("a.mp4"), "a.mp4"))
                .isInstanceOf(InvalidResponseException.class)
                .hasMessageContaining("HTTP " + status)
                .hasMessageContaining("the output URL has expired or no longer exists")
                .hasMessageContaining("Request has expired");
        assertThat(dir.resolve("a.mp4")).doesNotExist();
    }

    @Test
    void otherErrorsQuoteTheServer() {
        server.stubFor(get(urlEqualTo("/err.mp4"))
                .willReturn(aResponse().withStatus(502).withBody("bad gateway")));
        assertThatThrownBy(() -> DirectDownload.fetch(url("/err.mp4"), dir.resolve("a.mp4"), "a.mp4"))
                .hasMessage("Downloading the output failed with HTTP 502: \"bad gateway\".");
    }

    @Test
    void followsRedirectsButNeverToPlainHttpElsewhere() throws Exception {
        server.stubFor(get(urlEqualTo("/signed.mp4"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "/cdn/a.mp4")));
        server.stubFor(get(urlEqualTo("/cdn/a.mp4")).willReturn(aResponse().withBody("video")));
        assertThat(DirectDownload.fetch(url("/signed.mp4"), dir.resolve("a.mp4"), "a.mp4")
                        .bytes())
                .isEqualTo(5);

        server.stubFor(get(urlEqualTo("/evil.mp4"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "http://example.com/a.mp4")));
        assertThatThrownBy(() -> DirectDownload.fetch(url("/evil.mp4"), dir.resolve("b.mp4"), "b.mp4"))
                .hasMessageContaining("redirected to a non-https URL");
        assertThat(dir.resolve("b.mp4")).doesNotExist();
    }

    @Test
    void refusesAUrlThatIsNotHttpsWithoutARequest() {
        assertThatThrownBy(() -> DirectDownload.fetch("http://example.com/a.mp4", dir.resolve("a.mp4"), "a.mp4"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not an https URL");
        assertThatThrownBy(() -> DirectDownload.fetch("file:///etc/passwd", dir.resolve("a.mp4"), "a.mp4"))
                .isInstanceOf(InvalidInputException.class);
        server.verify(0, anyRequestedFor(anyUrl()));
    }
}
