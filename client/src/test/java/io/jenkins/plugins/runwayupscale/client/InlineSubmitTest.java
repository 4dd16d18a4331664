package io.jenkins.plugins.runwayupscale.client;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.jenkins.plugins.runwayupscale.client.Stubs.SUBMIT_PATH;
import static io.jenkins.plugins.runwayupscale.client.Stubs.TASK_ID;
import static io.jenkins.plugins.runwayupscale.client.Stubs.created;
import static io.jenkins.plugins.runwayupscale.client.Stubs.error;
import static io.jenkins.plugins.runwayupscale.client.Stubs.submits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A video file submitted inline: streamed from the file, exact length, re-sent only where the rules allow. */
class InlineSubmitTest {
    private static final DataUriLimit UPSCALE_V1 = DataUriLimit.of("upscale_v1", null);

    @RegisterExtension
    static WireMockExtension server = Stubs.server();

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @TempDir
    Path dir;

    /** A video of {@code size} bytes (an MP4 file type box, then pseudo-random bytes), written a block at a time. */
    static Path video(Path file, long size) throws IOException {
        byte[] block = VideoEncoderTest.mp4(64 * 1024);
        Random random = new Random(size);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; ) {
                int n = (int) Math.min(block.length, size - written);
                out.write(block, 0, n);
                written += n;
                random.nextBytes(block);
            }
        }
        return file;
    }

    /** How many descriptors this JVM has open on the file (Linux); -1 where that cannot be seen. */
    static long openHandles(Path file) throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        Path real = file.toRealPath();
        try (var entries = Files.list(fds)) {
            return entries.filter(fd -> {
                        try {
                            return Files.readSymbolicLink(fd).equals(real);
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .count();
        }
    }

    private RunwayClient clientWithOptions(String baseUrl) throws InvalidInputException {
        return fixture.client(RunwaySettings.builder()
                .baseUrl(baseUrl)
                .model("magnific_video_upscaler_creative")
                .modelOption("resolution", "4k")
                .modelOption("creativity", 30)
                .dataUriLimit(16 * DataUriLimit.MB)
                .build());
    }

    private static String expectedBody(Path file, String options) throws IOException {
        return "{\"videoUri\":\"data:video/mp4;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file))
                + "\"," + options + "}";
    }

    @ParameterizedTest
    @ValueSource(ints = {12, 13, 14, 49_152, 98_304, 98_305, 300_001})
    void sendsTheFileAsADataUriWithItsExactContentLength(int size) throws Throwable {
        submits(server, created());
        Path file = video(dir.resolve("clip.mp4"), size);
        InlineVideoFile video = InlineVideoFile.inspect(file, "out/clip.mp4", UPSCALE_V1);

        String id = fixture.drive(clientWithOptions(server.baseUrl()).submit(video, null));

        assertThat(id).isEqualTo(TASK_ID);
        LoggedRequest request = server.getAllServeEvents().get(0).getRequest();
        String expected = expectedBody(
                file, "\"model\":\"magnific_video_upscaler_creative\",\"resolution\":\"4k\",\"creativity\":30");
        assertThat(request.getBodyAsString()).isEqualTo(expected);
        assertThat(request.getHeader("Content-Length"))
                .isEqualTo(Integer.toString(expected.getBytes(StandardCharsets.UTF_8).length));
        assertThat(request.getHeader("Transfer-Encoding")).isNull();
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    }

    @Test
    void aSubmissionAnswered429IsSentAgainWholeFromTheFile() throws Throwable {
        submits(server, error(429, "rate_limit_exceeded", "slow down").withHeader("Retry-After", "1"), created());
        Path file = video(dir.resolve("clip.mp4"), 100_000);
        InlineVideoFile video = InlineVideoFile.inspect(file, "clip.mp4", UPSCALE_V1);

        assertThat(fixture.drive(fixture.client(server.baseUrl()).submit(video, null)))
                .isEqualTo(TASK_ID);

        String expected = expectedBody(file, "\"model\":\"upscale_v1\"");
        assertThat(server.findAll(postRequestedFor(urlEqualTo(SUBMIT_PATH))))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.getBodyAsString()).isEqualTo(expected));
        assertThat(openHandles(file)).isIn(0L, -1L);
    }

    @Test
    void aSubmissionAnswered502IsNeverSentAgain() throws Throwable {
        submits(server, error(502, "bad_gateway", "upstream"), created());
        InlineVideoFile video =
                InlineVideoFile.inspect(video(dir.resolve("clip.mp4"), 100_000), "clip.mp4", UPSCALE_V1);

        Throwable failure = fixture.failure(fixture.client(server.baseUrl()).submit(video, null));

        assertThat(failure).isInstanceOf(ServerErrorException.class).hasMessageContaining("may have been created");
        server.verify(1, postRequestedFor(urlEqualTo(SUBMIT_PATH)));
    }

    @Test
    void aFileOverTheSettingsLimitIsRefusedBeforeAnythingIsSent() throws Exception {
        InlineVideoFile video =
                InlineVideoFile.inspect(video(dir.resolve("clip.mp4"), 5 * 1024 * 1024 + 1), "clip.mp4", UPSCALE_V1);
        RunwayClient magnific = fixture.client(RunwaySettings.builder()
                .baseUrl(server.baseUrl())
                .model("magnific_video_upscaler_creative")
                .build());

        assertThatThrownBy(() -> magnific.submit(video, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'clip.mp4' has 5242881 bytes (5 MB + 1 byte), over the data-URI limit");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"same size, other bytes", "shorter", "longer"})
    void aFileThatChangedAfterItWasCheckedIsCutShortAndCreatesNoTask(String change) throws Throwable {
        Path file = video(dir.resolve("clip.mp4"), 200_000);
        InlineVideoFile video = InlineVideoFile.inspect(file, "clip.mp4", UPSCALE_V1);
        switch (change) {
            case "shorter" -> video(file, 199_999);
            case "longer" -> video(file, 200_001);
            default -> {
                byte[] bytes = Files.readAllBytes(file);
                bytes[150_000] ^= 1;
                Files.write(file, bytes);
            }
        }
        try (HoldingServer holding = new HoldingServer(true)) {
            Throwable failure =
                    fixture.failure(fixture.client(holding.baseUrl()).submit(video, null));

            assertThat(failure)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("'clip.mp4' changed after it was checked")
                    .hasMessageContaining("no task was created");
            assertThat(((InvalidInputException) failure).wasSent()).isFalse();
            assertThat(holding.completeBodies).hasValue(0);
            assertThat(openHandles(file)).isIn(0L, -1L);
        }
    }

    @Test
    void aServerThatReadsNothingHoldsTheUploadAndCancellingItClosesTheFile() throws Exception {
        Path file = video(dir.resolve("big.mp4"), 16 * DataUriLimit.MB);
        Assumptions.assumeTrue(openHandles(file) == 0, "needs /proc/self/fd");
        InlineVideoFile video = InlineVideoFile.inspect(file, "big.mp4", UPSCALE_V1);
        try (HoldingServer stalled = new HoldingServer(false)) {
            CompletableFuture<String> submitted =
                    fixture.client(stalled.baseUrl()).submit(video, null);
            await().atMost(20, TimeUnit.SECONDS).until(() -> stalled.arrived.get() == 1 && openHandles(file) == 1);

            submitted.cancel(true);

            await().atMost(20, TimeUnit.SECONDS).until(() -> openHandles(file) == 0);
            assertThat(fixture.engine.inlineSlots().inUse()).isZero();
        }
    }

    @Test
    void aServerThatRefusesTheKeyBeforeReadingTheBodyEndsTheSubmissionAndClosesTheFile() throws Exception {
        Path file = video(dir.resolve("big.mp4"), 16 * DataUriLimit.MB);
        InlineVideoFile video = InlineVideoFile.inspect(file, "big.mp4", UPSCALE_V1);
        try (HoldingServer refusing = new HoldingServer(HoldingServer.Mode.REFUSE_UNREAD)) {
            Throwable failure =
                    fixture.failure(fixture.client(refusing.baseUrl()).submit(video, null));

            assertThat(failure).isInstanceOfAny(AuthenticationException.class, TransportException.class);
            assertThat(refusing.arrived).hasValue(1);
            await().atMost(20, TimeUnit.SECONDS).until(() -> openHandles(file) <= 0);
        }
    }

    @Test
    void inlineSubmissionsBeyondTheEnginesLimitWaitTheirTurn() throws Exception {
        EngineConfig config = EngineConfig.builder().maxInlineSubmissions(2).build();
        InlineVideoFile video =
                InlineVideoFile.inspect(video(dir.resolve("clip.mp4"), 300_000), "clip.mp4", UPSCALE_V1);
        try (EngineFixture limited = new EngineFixture(config, new ProgressAwarePollingPolicy());
                HoldingServer holding = new HoldingServer(true)) {
            RunwayClient client = limited.client(holding.baseUrl());
            List<CompletableFuture<String>> submitted = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                submitted.add(client.submit(video, null));
            }

            // The key's request budget spaces requests in virtual time: move it on while waiting for the server.
            await().atMost(20, TimeUnit.SECONDS).until(() -> tick(limited) && holding.held() == 2);
            assertThat(holding.arrived).hasValue(2);
            assertThat(limited.engine.inlineSlots().inUse()).isEqualTo(2);
            assertThat(limited.engine.inlineSlots().waiting()).isEqualTo(3);

            for (int answered = 0; answered < 5; answered++) {
                await().atMost(20, TimeUnit.SECONDS).until(() -> tick(limited) && holding.held() > 0);
                assertThat(holding.answerOne()).isTrue();
            }
            await().atMost(20, TimeUnit.SECONDS)
                    .until(() -> tick(limited) && submitted.stream().allMatch(CompletableFuture::isDone));
            assertThat(submitted).allSatisfy(f -> assertThat(f.join()).startsWith("task-"));
            assertThat(holding.completeBodies).hasValue(5);
            assertThat(limited.engine.inlineSlots().inUse()).isZero();
        }
    }

    private static boolean tick(EngineFixture fixture) {
        fixture.scheduler.advanceBy(Duration.ofMillis(100));
        return true;
    }

    @Test
    void aSubmissionStillWaitingForItsTurnAtItsDeadlineWasNeverSent() throws Exception {
        EngineConfig config = EngineConfig.builder().maxInlineSubmissions(1).build();
        InlineVideoFile video =
                InlineVideoFile.inspect(video(dir.resolve("clip.mp4"), 100_000), "clip.mp4", UPSCALE_V1);
        try (EngineFixture limited = new EngineFixture(config, new ProgressAwarePollingPolicy());
                HoldingServer holding = new HoldingServer(true)) {
            RunwayClient client = limited.client(holding.baseUrl());
            client.submit(video, null);
            await().atMost(20, TimeUnit.SECONDS).until(() -> holding.held() == 1);
            CompletableFuture<String> queued =
                    client.submit(video, limited.scheduler.now().plusSeconds(30));

            limited.scheduler.advanceBy(Duration.ofSeconds(31));

            assertThat(queued).isCompletedExceptionally();
            assertThat(Futures.cause(queued.handle((v, e) -> e).join()))
                    .isInstanceOf(TaskTimedOutException.class)
                    .hasMessageContaining("before the request had its turn to be sent")
                    .hasMessageContaining("no task was created");
            assertThat(holding.arrived).hasValue(1);
            assertThat(limited.engine.inlineSlots().waiting()).isZero();
        }
    }

    @Test
    void theReportShowsTheFileAsAnAbbreviatedDataUri() throws Exception {
        InlineVideoFile video =
                InlineVideoFile.inspect(video(dir.resolve("clip.mp4"), 1_000), "out/clip.mp4", UPSCALE_V1);

        assertThat(video.displayUri()).isEqualTo("data:video/mp4;base64,... (1000 bytes)");
        assertThat(VideoUris.forDisplay(video.displayUri())).isEqualTo(video.displayUri());
        assertThat(video.video())
                .isEqualTo(VideoEncoder.encode(dir.resolve("clip.mp4"), "out/clip.mp4", UPSCALE_V1)
                        .video());
        assertThat(video.toString()).contains("out/clip.mp4").doesNotContain("base64");
    }
}
