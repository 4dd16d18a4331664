package io.jenkins.plugins.runwayupscale.client;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.jenkins.plugins.runwayupscale.client.Stubs.SUBMIT_PATH;
import static io.jenkins.plugins.runwayupscale.client.Stubs.TASK_ID;
import static io.jenkins.plugins.runwayupscale.client.Stubs.created;
import static io.jenkins.plugins.runwayupscale.client.Stubs.submits;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How requests go out: loopback never through a proxy, bodies with their length. */
class TransportRulesTest {
    @RegisterExtension
    static WireMockExtension server = Stubs.server();

    @RegisterExtension
    static WireMockExtension proxy = Stubs.server();

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1", "LOCALHOST"})
    void loopbackBaseUrlNeverGoesThroughTheProxy(String host) throws Throwable {
        submits(server, created());
        EngineConfig config = EngineConfig.builder()
                .proxy(new ProxySettings("127.0.0.1", proxy.getPort(), null, null, List.of()))
                .build();
        try (EngineFixture fixture = new EngineFixture(config, new ProgressAwarePollingPolicy())) {
            String baseUrl = "http://" + host + ":" + server.getPort();

            assertThat(fixture.drive(fixture.client(baseUrl).submit(Stubs.VIDEO)))
                    .isEqualTo(TASK_ID);
        }

        server.verify(
                1,
                postRequestedFor(urlEqualTo(SUBMIT_PATH))
                        .withHeader("Authorization", equalTo("Bearer " + EngineFixture.KEY)));
        proxy.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void loopbackHostsBypassEveryProxyWhateverItsNoProxyList() {
        ProxySettings settings = new ProxySettings("proxy.example.com", 3128, null, null, List.of("*.internal"));

        assertThat(List.of(
                        "localhost", "localhost.", "LocalHost", "api.localhost", "127.0.0.1", "127.1", "[::1]", "::1"))
                .allSatisfy(h -> assertThat(settings.bypasses(h)).as(h).isTrue());
        assertThat(List.of("api.cometapi.com", "10.0.0.1", "localhost.example.com"))
                .allSatisfy(h -> assertThat(settings.bypasses(h)).as(h).isFalse());
        assertThat(settings.bypasses("git.internal")).isTrue();
    }

    @Test
    void aDataUriSubmissionIsSentWithContentLengthNotChunked() throws Throwable {
        submits(server, created());
        byte[] video = new byte[3 * 1024 * 1024];
        String dataUri = "data:video/mp4;base64," + Base64.getEncoder().encodeToString(video);
        try (EngineFixture fixture = new EngineFixture()) {
            fixture.drive(fixture.client(server.baseUrl()).submit(dataUri));
        }

        var request = server.getAllServeEvents().get(0).getRequest();
        assertThat(request.getHeader("Transfer-Encoding")).isNull();
        assertThat(request.getHeader("Content-Length"))
                .isEqualTo(Integer.toString(request.getBodyAsString().getBytes(StandardCharsets.UTF_8).length));
        server.verify(postRequestedFor(urlEqualTo(SUBMIT_PATH)).withHeader("Transfer-Encoding", absent()));
    }
}
