package io.jenkins.plugins.runwayupscale.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DownloadTest {
    @RegisterExtension
    static WireMockExtension server = Stubs.server();

    @TempDir
    Path dir;

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    private static byte[] video(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    @Test
    void streamsTheOutputIntoTheFileAndReportsItsSize() throws Throwable {
        byte[] body = video(3 * 1024 * 1024 + 17);
        server.stubFor(get(urlEqualTo("/out/final.mp4"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "video/mp4")
                        .withBody(body)));
        Path target = dir.resolve("final.mp4");

        DownloadResult result =
                fixture.drive(fixture.client(server.baseUrl()).download(server.baseUrl() + "/out/final.mp4", target));

        assertThat(result.bytes()).isEqualTo(body.length);
        assertThat(result.contentType()).isEqualTo("video/mp4");
        assertThat(Files.readAllBytes(target)).isEqualTo(body);
        assertThat(dir.resolve("final.mp4.part")).doesNotExist();
    }

    @Test
    void sendsNoCredentialsToTheOutputHost() throws Throwable {
        server.stubFor(get(urlEqualTo("/out/a.mp4"))
                .willReturn(aResponse().withStatus(200).withBody(video(10))));

        fixture.drive(fixture.client(server.baseUrl()).download(server.baseUrl() + "/out/a.mp4", dir.resolve("a.mp4")));

        server.verify(getRequestedFor(urlEqualTo("/out/a.mp4")).withoutHeader("Authorization"));
    }

    @Test
    void followsRedirectsToAcceptableUrls() throws Throwable {
        server.stubFor(get(urlEqualTo("/out/a.mp4"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "/cdn/a.mp4")));
        server.stubFor(get(urlEqualTo("/cdn/a.mp4"))
                .willReturn(aResponse().withStatus(200).withBody(video(1000))));

        DownloadResult result = fixture.drive(
                fixture.client(server.baseUrl()).download(server.baseUrl() + "/out/a.mp4", dir.resolve("a.mp4")));

        assertThat(result.bytes()).isEqualTo(1000);
    }

    @Test
    void refusesRedirectToPlainHttpElsewhere() {
        server.stubFor(get(urlEqualTo("/out/a.mp4"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "http://cdn.example.com/a.mp4")));

        Throwable failure = fixture.failure(
                fixture.client(server.baseUrl()).download(server.baseUrl() + "/out/a.mp4", dir.resolve("a.mp4")));

        assertThat(failure).isInstanceOf(InvalidResponseException.class).hasMessageContaining("non-https");
        assertThat(dir.resolve("a.mp4")).doesNotExist();
    }

    @Test
    void expiredUrlSaysHowToGetAFreshOne() {
        server.stubFor(get(urlEqualTo("/out/a.mp4"))
                .willReturn(aResponse().withStatus(403).withBody("<Error>AccessDenied</Error>")));

        Throwable failure = fixture.failure(
                fixture.client(server.baseUrl()).download(server.baseUrl() + "/out/a.mp4", dir.resolve("a.mp4")));

        assertThat(failure).hasMessageContaining("HTTP 403").hasMessageContaining("expire");
        assertThat(dir.resolve("a.mp4")).doesNotExist();
        assertThat(dir.resolve("a.mp4.part")).doesNotExist();
    }

    @Test
    void refusesNonHttpsOutputUrlWithoutSending() {
        Throwable failure = fixture.failure(
                fixture.client(server.baseUrl()).download("http://cdn.example.com/a.mp4", dir.resolve("a.mp4")));

        assertThat(failure).isInstanceOf(InvalidInputException.class);
        assertThat(server.getAllServeEvents()).isEmpty();
    }
}
