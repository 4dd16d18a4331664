package io.jenkins.plugins.runwayupscale.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
                done(fixture.client(server.baseUrl()).download(server.baseUrl() + "/out/final.mp4", target));

        assertThat(result.bytes()).isEqualTo(body.length);
        assertThat(result.contentType()).isEqualTo("video/mp4");
        assertThat(Files.readAllBytes(target)).isEqualTo(body);
        assertThat(dir.resolve("final.mp4.part")).doesNotExist();
    }

    @Test
    void sendsNoCredentialsToTheOutputHost() throws Throwable {
        server.stubFor(get(urlEqualTo("/out/a.mp4"))
                .willReturn(aResponse().withStatus(200).withBody(video(10))));

        done(fixture.client(server.baseUrl()).download(server.baseUrl() + "/out/a.mp4", dir.resolve("a.mp4")));

        server.verify(getRequestedFor(urlEqualTo("/out/a.mp4")).withoutHeader("Authorization"));
    }

    @Test
    void followsRedirectsToAcceptableUrls() throws Throwable {
        server.stubFor(get(urlEqualTo("/out/a.mp4"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "/cdn/a.mp4")));
        server.stubFor(get(urlEqualTo("/cdn/a.mp4"))
                .willReturn(aResponse().withStatus(200).withBody(video(1000))));

        DownloadResult result =
                done(fixture.client(server.baseUrl()).download(server.baseUrl() + "/out/a.mp4", dir.resolve("a.mp4")));

        assertThat(result.bytes()).isEqualTo(1000);
    }

    @Test
    void refusesRedirectToPlainHttpElsewhere() {
        server.stubFor(get(urlEqualTo("/out/a.mp4"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "http://cdn.example.com/a.mp4")));

        Throwable failure = failure(
                fixture.client(server.baseUrl()).download(server.baseUrl() + "/out/a.mp4", dir.resolve("a.mp4")));

        assertThat(failure)
                .isInstanceOf(InvalidResponseException.class)
                .hasMessage("Refusing to download the output from http://cdn.example.com/a.mp4: it is neither https"
                        + " nor on the API's own host and port. Outputs are fetched only from the API's own address"
                        + " or over https from a public host name.");
        assertThat(dir.resolve("a.mp4")).doesNotExist();
    }

    @Test
    void expiredUrlSaysHowToGetAFreshOne() {
        server.stubFor(get(urlEqualTo("/out/a.mp4"))
                .willReturn(aResponse().withStatus(403).withBody("<Error>AccessDenied</Error>")));

        Throwable failure = failure(
                fixture.client(server.baseUrl()).download(server.baseUrl() + "/out/a.mp4", dir.resolve("a.mp4")));

        assertThat(failure).hasMessageContaining("HTTP 403").hasMessageContaining("expire");
        assertThat(dir.resolve("a.mp4")).doesNotExist();
        assertThat(dir.resolve("a.mp4.part")).doesNotExist();
    }

    @Test
    void refusesNonHttpsOutputUrlWithoutSending() {
        Throwable failure = failure(
                fixture.client(server.baseUrl()).download("http://cdn.example.com/a.mp4", dir.resolve("a.mp4")));

        assertThat(failure).isInstanceOf(InvalidResponseException.class);
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    /** The engine's clock is virtual and never moved here: the download's deadline cannot pass. */
    private static <T> T done(CompletableFuture<T> future) throws Throwable {
        try {
            return future.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    private static Throwable failure(CompletableFuture<?> future) {
        try {
            done(future);
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected the download to fail");
    }

    private long partFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part"))
                    .count();
        }
    }

    @Test
    void aDownloadStillRunningAtItsDeadlineFailsThereAndLeavesNothing() throws Exception {
        try (LyingHost host = new LyingHost()) {
            host.on("/drip.mp4", host.drip(1_000_000, Duration.ofMillis(50)));
            CompletableFuture<DownloadResult> download = fixture.client(host.baseUrl())
                    .download(
                            host.url("/drip.mp4"),
                            dir.resolve("a.mp4"),
                            true,
                            DownloadLimits.defaults(host.baseUrl()).withTimeout(Duration.ofMinutes(10)));
            await().atMost(10, TimeUnit.SECONDS).until(() -> host.requests() == 1 && partFiles() == 1);
            // What the caller sees the moment it hears of the failure: a command line exits right then.
            CompletableFuture<Long> leftWhenTold = download.handle((r, e) -> {
                try {
                    return partFiles();
                } catch (Exception io) {
                    throw new IllegalStateException(io);
                }
            });

            fixture.scheduler.advanceBy(Duration.ofMinutes(10));

            assertThat(failure(download))
                    .isInstanceOf(TaskTimedOutException.class)
                    .hasMessageStartingWith("Downloading the output did not finish within 10m 0s (");
            assertThat(leftWhenTold.get(5, TimeUnit.SECONDS)).isZero();
            assertThat(partFiles()).isZero();
            assertThat(dir.resolve("a.mp4")).doesNotExist();
        }
    }

    @Test
    void stalledDownloadsDoNotHoldUpAnotherOnTheSameEngine() throws Throwable {
        try (LyingHost host = new LyingHost()) {
            host.on("/stall.mp4", LyingHost.stallAfter(1000, 1));
            RunwayClient stalled = fixture.client(host.baseUrl());
            List<CompletableFuture<DownloadResult>> stuck = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                stuck.add(stalled.download(
                        host.url("/stall.mp4"),
                        dir.resolve("stuck-" + i + ".mp4"),
                        true,
                        DownloadLimits.defaults(host.baseUrl()).withIdleTimeout(Duration.ofSeconds(3))));
            }
            await().atMost(10, TimeUnit.SECONDS).until(() -> host.requests() == 8);
            server.stubFor(get(urlEqualTo("/out/a.mp4"))
                    .willReturn(aResponse().withStatus(200).withBody(video(1000))));

            long start = System.nanoTime();
            done(fixture.client(server.baseUrl()).download(server.baseUrl() + "/out/a.mp4", dir.resolve("a.mp4")));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(stuck).noneMatch(CompletableFuture::isDone);
            for (CompletableFuture<DownloadResult> f : stuck) {
                assertThat(failure(f)).isInstanceOf(TransportException.class).hasMessageContaining("stalled");
            }
            assertThat(partFiles()).isZero();
        }
    }
}
