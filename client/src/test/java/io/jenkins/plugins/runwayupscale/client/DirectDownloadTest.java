package io.jenkins.plugins.runwayupscale.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The agent's downloader against hosts that answer well, slowly, too much, or not where they should. */
class DirectDownloadTest {
    private static final long MB = 1024 * 1024;

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @TempDir
    Path dir;

    LyingHost host;

    @BeforeEach
    void start() throws Exception {
        host = new LyingHost();
    }

    @AfterEach
    void stop() throws Exception {
        host.close();
    }

    /** Limits that trust the lying host as the API's own origin, so its loopback URLs may be fetched. */
    private DownloadLimits limits(Duration idle, Duration timeout, long maxBytes) {
        return new DownloadLimits(idle, timeout, maxBytes, host.baseUrl());
    }

    private DownloadLimits generous() {
        return limits(Duration.ofSeconds(30), Duration.ofSeconds(60), 64 * MB);
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

        DownloadedVideo saved = DirectDownload.fetch(
                server.baseUrl() + "/out/4k.mp4",
                dir.resolve("intro-4k.mp4"),
                "out/intro-4k.mp4",
                DownloadLimits.defaults(server.baseUrl()));

        assertThat(saved)
                .isEqualTo(new DownloadedVideo(
                        "out/intro-4k.mp4", body.length, VideoEncoderTest.sha256(body), "video/mp4"));
        assertThat(Files.readAllBytes(dir.resolve("intro-4k.mp4"))).isEqualTo(body);
        assertThat(partFiles()).isZero();
        server.verify(getRequestedFor(urlEqualTo("/out/4k.mp4")).withoutHeader("Authorization"));
    }

    @Test
    @SuppressWarnings("deprecation")
    void theCallWithoutLimitsStillFetchesALocalServersOutput() throws Exception {
        server.stubFor(get(urlEqualTo("/ok.mp4")).willReturn(aResponse().withBody("today's render")));

        DirectDownload.fetch(server.baseUrl() + "/ok.mp4", dir.resolve("a.mp4"), "a.mp4");

        assertThat(Files.readString(dir.resolve("a.mp4"))).isEqualTo("today's render");
    }

    @Test
    void aLinkPlantedAtTheTargetIsReplacedNeverWrittenThrough() throws Exception {
        host.on("/ok.mp4", LyingHost.ok("today's render".getBytes()));
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        Path target = Files.createSymbolicLink(dir.resolve("a.mp4"), victim);

        DirectDownload.fetch(host.url("/ok.mp4"), target, "a.mp4", generous());

        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(Files.isSymbolicLink(target)).isFalse();
        assertThat(Files.readString(target)).isEqualTo("today's render");
    }

    @Test
    void theSavedVideoHasTheUsualPermissionsOfANewFile() throws Exception {
        host.on("/ok.mp4", LyingHost.ok("video".getBytes()));
        Path usual = Files.createFile(dir.resolve("usual.txt"));

        DirectDownload.fetch(host.url("/ok.mp4"), dir.resolve("a.mp4"), "a.mp4", generous());

        assertThat(Files.getPosixFilePermissions(dir.resolve("a.mp4"))).isEqualTo(Files.getPosixFilePermissions(usual));
    }

    @Test
    void aHostThatStallsAfterItsHeadersEndsAtTheIdleTimeoutAndLeavesNothing() throws Exception {
        host.on("/stall.mp4", LyingHost.stallAfter(1000, 10));
        Path target = Files.writeString(dir.resolve("a.mp4"), "yesterday's render");

        assertThatThrownBy(() -> DirectDownload.fetch(
                        host.url("/stall.mp4"),
                        target,
                        "a.mp4",
                        limits(Duration.ofMillis(300), Duration.ofSeconds(30), MB)))
                .isInstanceOf(TransportException.class)
                .hasMessage("Downloading the output stalled: nothing arrived for 300ms (10 of 1000 bytes had arrived);"
                        + " it was stopped and nothing was saved.");
        assertThat(Files.readString(target)).isEqualTo("yesterday's render");
        assertThat(partFiles()).isZero();
    }

    @Test
    void aHostThatDripsEndsAtTheDeadlineWithATypedErrorAndLeavesNothing() throws Exception {
        host.on("/drip.mp4", host.drip(1_000_000, Duration.ofMillis(50)));

        assertThatThrownBy(() -> DirectDownload.fetch(
                        host.url("/drip.mp4"),
                        dir.resolve("a.mp4"),
                        "a.mp4",
                        limits(Duration.ofSeconds(5), Duration.ofSeconds(1), MB)))
                .isInstanceOf(TaskTimedOutException.class)
                .hasMessageStartingWith("Downloading the output did not finish within 1s (")
                .hasMessageContaining(" of 1000000 bytes had arrived); it was stopped and nothing was saved.");
        assertThat(dir.resolve("a.mp4")).doesNotExist();
        assertThat(partFiles()).isZero();
    }

    @Test
    void anInterruptStopsTheDownloadPromptlyAndLeavesNoPartFile() throws Exception {
        host.on("/stall.mp4", LyingHost.stallAfter(1000, 10));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread agent = new Thread(() -> {
            try {
                DirectDownload.fetch(host.url("/stall.mp4"), dir.resolve("a.mp4"), "a.mp4", generous());
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        agent.start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> host.requests() == 1 && partFiles() == 1);

        agent.interrupt();

        await().atMost(2, TimeUnit.SECONDS).until(outcome::isDone);
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(partFiles()).isZero();
        assertThat(dir.resolve("a.mp4")).doesNotExist();
    }

    @Test
    void anOutputLargerThanTheCapIsRefusedOnItsContentLengthBeforeItsBody() throws Exception {
        // The host would then stall: only a refusal on the header ends this long before the idle timeout.
        host.on("/big.mp4", LyingHost.stallAfter(16 * MB + 1, 0));

        assertThatThrownBy(() -> DirectDownload.fetch(
                        host.url("/big.mp4"),
                        dir.resolve("a.mp4"),
                        "a.mp4",
                        limits(Duration.ofMinutes(5), Duration.ofMinutes(5), 16 * MB)))
                .isInstanceOf(InvalidResponseException.class)
                .hasMessage("The output is 16777217 bytes (16 MB + 1 byte), over the download limit of 16 MB"
                        + " (16777216 bytes); it was refused before its body was read and nothing was saved.");
        assertThat(partFiles()).isZero();
    }

    @Test
    void threeHundredMegabytesWithoutContentLengthAreStoppedAtTheCap() throws Exception {
        host.on("/endless.mp4", LyingHost.endless(300 * MB));

        assertThatThrownBy(() -> DirectDownload.fetch(
                        host.url("/endless.mp4"),
                        dir.resolve("a.mp4"),
                        "a.mp4",
                        limits(Duration.ofSeconds(30), Duration.ofSeconds(60), 8 * MB)))
                .isInstanceOf(InvalidResponseException.class)
                .hasMessageStartingWith("The output passed the download limit of 8 MB (8388608 bytes) without"
                        + " announcing its size (stopped at ")
                .hasMessageEndingWith("); nothing was saved.");
        assertThat(partFiles()).isZero();
        assertThat(dir.resolve("a.mp4")).doesNotExist();
    }

    @Test
    void aHostThatSendsLessThanItAnnouncedIsReportedAsCutShortInWords() throws Exception {
        host.on("/short.mp4", LyingHost.cutShort(1000, 400));

        assertThatThrownBy(
                        () -> DirectDownload.fetch(host.url("/short.mp4"), dir.resolve("a.mp4"), "a.mp4", generous()))
                .isInstanceOf(TransportException.class)
                .hasMessage("Downloading the output was cut short after 400 of 1000 bytes (the connection closed);"
                        + " nothing was saved.");
        assertThat(partFiles()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 404, 410})
    void saysTheUrlExpiredWhenTheOutputIsGoneWithoutQuotingTheHost(int status) {
        host.on("/gone.mp4", LyingHost.status(status, "<Error>INTERNAL-SECRET-PAGE</Error>"));

        assertThatThrownBy(() -> DirectDownload.fetch(
                        host.url("/gone.mp4?X-Amz-Signature=s3cr3t"), dir.resolve("a.mp4"), "a.mp4", generous()))
                .isInstanceOf(InvalidResponseException.class)
                .hasMessageContaining("Downloading the output from " + host.baseUrl() + "/gone.mp4 failed with HTTP "
                        + status + ": the output URL has expired or no longer exists")
                .hasMessageNotContaining("INTERNAL-SECRET-PAGE")
                .hasMessageNotContaining("s3cr3t");
        assertThat(dir.resolve("a.mp4")).doesNotExist();
    }

    @Test
    void otherErrorsGiveTheStatusAndNeverTheBody() {
        host.on("/err.mp4", LyingHost.status(502, "INTERNAL-SECRET-PAGE"));

        assertThatThrownBy(() -> DirectDownload.fetch(host.url("/err.mp4"), dir.resolve("a.mp4"), "a.mp4", generous()))
                .hasMessage("Downloading the output from " + host.baseUrl() + "/err.mp4 failed with HTTP 502.");
    }

    @Test
    void followsRedirectsOnTheApiOriginAtMostFiveTimes() throws Exception {
        host.on("/signed.mp4", LyingHost.redirect("/cdn/a.mp4")).on("/cdn/a.mp4", LyingHost.ok("video".getBytes()));
        assertThat(DirectDownload.fetch(host.url("/signed.mp4"), dir.resolve("a.mp4"), "a.mp4", generous())
                        .bytes())
                .isEqualTo(5);

        for (int i = 0; i < 6; i++) {
            host.on("/loop" + i, LyingHost.redirect("/loop" + (i + 1)));
        }
        host.on("/loop6", LyingHost.ok("video".getBytes()));
        assertThatThrownBy(() -> DirectDownload.fetch(host.url("/loop0"), dir.resolve("b.mp4"), "b.mp4", generous()))
                .isInstanceOf(InvalidResponseException.class)
                .hasMessage("Downloading the output was redirected more than 5 times; giving up.");
        assertThat(host.requests()).isEqualTo(2 + 6);
    }

    /** DNS as the test says: a name maps to the addresses given; anything else is unknown. Records every lookup. */
    private static final class FakeDns implements OutputHosts.Resolver {
        private final java.util.Map<String, String[]> names = new java.util.HashMap<>();
        final java.util.List<String> lookups = new java.util.concurrent.CopyOnWriteArrayList<>();

        FakeDns with(String name, String... addresses) {
            names.put(name, addresses);
            return this;
        }

        @Override
        public java.net.InetAddress[] resolve(String host) throws java.net.UnknownHostException {
            lookups.add(host);
            String[] addresses = names.get(host);
            if (addresses == null) {
                throw new java.net.UnknownHostException(host);
            }
            java.net.InetAddress[] resolved = new java.net.InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                resolved[i] = java.net.InetAddress.getByName(addresses[i]);
            }
            return resolved;
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://10.0.0.5/admin",
                "https://169.254.169.254/latest/meta-data/",
                "https://0x7f000001/a.mp4",
                "https://2130706433/a.mp4",
                "https://[::ffff:127.0.0.1]/a.mp4",
                "https://localhost/a.mp4",
                "http://cdn.example.com/a.mp4",
                "https://metadata.internal.example/a.mp4",
                "https://mixed.example/a.mp4",
                "https://cgnat.example/a.mp4",
                "https://ula.example/a.mp4",
                "https://unknown.example/a.mp4",
                "file:///etc/passwd"
            })
    void refusesOutputsThatAreNotOnAPublicHostNameWithoutConnectingAnywhere(String url) {
        FakeDns dns = new FakeDns()
                .with("cdn.example.com", "93.184.216.34")
                .with("metadata.internal.example", "169.254.169.254")
                .with("mixed.example", "93.184.216.34", "10.1.2.3")
                .with("cgnat.example", "100.64.0.7")
                .with("ula.example", "fd00::1");

        assertThatThrownBy(() -> DirectDownload.fetch(url, dir.resolve("a.mp4"), "a.mp4", generous(), dns))
                .isInstanceOf(InvalidResponseException.class)
                .hasMessageStartingWith("Refusing to download the output from ");
        assertThat(host.requests()).isZero();
        assertThat(dir.resolve("a.mp4")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://0x7f000001:%d/inside.mp4",
                "http://127.0.0.1:%d/inside.mp4",
                "https://10.0.0.5/admin",
                "https://169.254.169.254/latest/meta-data/",
                "https://internal.example/a.mp4"
            })
    void refusesRedirectsInwardBeforeConnecting(String inward) throws Exception {
        try (LyingHost inside = new LyingHost()) {
            inside.on("/inside.mp4", LyingHost.ok("INTERNAL-SECRET-PAGE".getBytes()));
            host.on("/out.mp4", LyingHost.redirect(String.format(inward, inside.requestsPort())));
            FakeDns dns = new FakeDns().with("internal.example", "10.9.8.7");

            assertThatThrownBy(() ->
                            DirectDownload.fetch(host.url("/out.mp4"), dir.resolve("a.mp4"), "a.mp4", generous(), dns))
                    .isInstanceOf(InvalidResponseException.class)
                    .hasMessageStartingWith("Refusing to download the output from ")
                    .hasMessageNotContaining("INTERNAL-SECRET-PAGE");
            assertThat(inside.requests()).isZero();
            assertThat(partFiles()).isZero();
        }
    }
}
