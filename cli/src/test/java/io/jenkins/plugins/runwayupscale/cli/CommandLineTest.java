package io.jenkins.plugins.runwayupscale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.runwayupscale.client.EngineConfig;
import io.jenkins.plugins.runwayupscale.client.FixedPollingPolicy;
import io.jenkins.plugins.runwayupscale.client.ReportContract;
import io.jenkins.plugins.runwayupscale.client.RunwayEngine;
import io.jenkins.plugins.runwayupscale.client.TaskReport;
import io.jenkins.plugins.runwayupscale.simulator.Fault;
import io.jenkins.plugins.runwayupscale.simulator.FaultRule;
import io.jenkins.plugins.runwayupscale.simulator.OutputContent;
import io.jenkins.plugins.runwayupscale.simulator.ProgressStyle;
import io.jenkins.plugins.runwayupscale.simulator.ResponseShape;
import io.jenkins.plugins.runwayupscale.simulator.RunwaySimulator;
import io.jenkins.plugins.runwayupscale.simulator.TaskScenario;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command end to end against the simulator: arguments in; exit code, stdout, stderr and files out. */
class CommandLineTest {
    private static final String KEY = "sk-cli-test-SECRET-9f8e7d6c";
    private static final String VIDEO = "https://cdn.example.com/final.mp4";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A tenth of a second of real time per minute of task time; the engine polls every 50 ms. */
    private final RunwaySimulator simulator = RunwaySimulator.builder()
            .apiKey(KEY)
            .timeScale(0.002)
            .defaultScenario(
                    TaskScenario.standard().withTimes(Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(60)))
            .build()
            .start();

    private final List<EngineConfig> configs = new ArrayList<>();
    private final Function<EngineConfig, RunwayEngine> fastEngine = config -> RunwayEngine.builder()
            .config(remember(config))
            .pollingPolicy(new FixedPollingPolicy(Duration.ofMillis(50), Duration.ZERO, new SplittableRandom(1)))
            .build();
    private final Map<String, String> env =
            new HashMap<>(Map.of("COMETAPI_KEY", KEY, "COMETAPI_BASE_URL", simulator.baseUrl()));
    private final CompletableFuture<Void> interrupted = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        simulator.close();
    }

    private EngineConfig remember(EngineConfig config) {
        configs.add(config);
        return config;
    }

    private int run(String... args) {
        return run(false, args);
    }

    private int run(boolean terminal, String... args) {
        Console console = new Console(
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal,
                interrupted);
        Simulators own = () -> simulator;
        return UpscaleCommand.run(args, console, own, fastEngine);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String onlyTaskId() {
        return simulator.taskIds().iterator().next();
    }

    @Test
    void maxRpsSetsTheEnginesRequestRatePerKey() {
        assertThat(run("--max-rps", "7.5", VIDEO)).isZero();
        assertThat(configs)
                .singleElement()
                .satisfies(c -> assertThat(c.maxRequestsPerSecond()).isEqualTo(7.5));
    }

    @Test
    void maxRpsOfZeroIsRefusedBeforeAnyRequest() {
        assertThat(run("--max-rps", "0", VIDEO)).isEqualTo(2);
        assertThat(stderr()).contains("--max-rps").contains("above 0");
        assertThat(configs).isEmpty();
        assertThat(simulator.taskIds()).isEmpty();
    }

    @Test
    void succeedsAndPrintsOnlyTheOutputUrlOnStdout() throws Exception {
        int code = run("--output-dir", dir.toString(), VIDEO);

        assertThat(code).isZero();
        String id = simulatorTaskId();
        assertThat(stdout()).isEqualTo(simulator.baseUrl() + "/outputs/" + id + ".mp4" + System.lineSeparator());
        assertThat(stderr()).contains("Submitted Runway task " + id).contains("SUCCEEDED");
        assertThat(simulator.postCount()).isEqualTo(1);
        Path folder = dir.resolve("runway-upscale");
        assertThat(Files.readString(folder.resolve(id + ".url")))
                .isEqualTo(simulator.baseUrl() + "/outputs/" + id + ".mp4\n");
        JsonNode json = JSON.readTree(folder.resolve(id + ".json").toFile());
        assertThat(json.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.get("videoUri").asText()).isEqualTo(VIDEO);
        assertThat(json.get("model").asText()).isEqualTo("upscale_v1");
    }

    @ParameterizedTest
    @EnumSource(ResponseShape.class)
    void succeedsInEveryResponseShape(ResponseShape shape) {
        simulator.scenarioFor(
                "final",
                TaskScenario.standard()
                        .withTimes(Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(60))
                        .inShape(shape));

        assertThat(run(VIDEO)).isZero();
        assertThat(stdout().lines().toList()).singleElement().asString().endsWith(".mp4");
    }

    @Test
    void reportsStatusChangesAsPlainLinesWhenNotOnATerminal() {
        simulator.scenarioFor(
                "final",
                TaskScenario.standard()
                        .withTimes(Duration.ofSeconds(300), Duration.ofSeconds(300), Duration.ofSeconds(400))
                        .withProgress(ProgressStyle.STEPWISE));

        assertThat(run(VIDEO)).isZero();

        assertThat(stderr())
                .contains(": PENDING")
                .contains(": THROTTLED")
                .contains(": RUNNING 25%")
                .contains(": RUNNING 50%")
                .contains(": SUCCEEDED");
        assertThat(stderr()).doesNotContain("\r");
    }

    @Test
    void drawsAProgressBarOnATerminal() {
        simulator.scenarioFor(
                "final",
                TaskScenario.standard().withTimes(Duration.ofSeconds(10), Duration.ZERO, Duration.ofSeconds(400)));

        assertThat(run(true, VIDEO)).isZero();

        assertThat(stderr())
                .contains("\r[")
                .containsPattern("\\[#+\\.+\\] RUNNING")
                .contains("SUCCEEDED");
        assertThat(stdout().lines().toList()).singleElement().asString().endsWith(".mp4");
    }

    @Test
    void failedTaskExitsOneAndSaysWhy() throws Exception {
        simulator.scenarioFor(
                "final",
                TaskScenario.standard()
                        .withTimes(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(10))
                        .failing("SAFETY.INPUT.VIDEO", "The video did not pass moderation."));

        int code = run("--output-dir", dir.toString(), VIDEO);

        assertThat(code).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).contains("[SAFETY.INPUT.VIDEO]").contains("do not retry");
        JsonNode json = JSON.readTree(dir.resolve("runway-upscale")
                .resolve(simulatorTaskId() + ".json")
                .toFile());
        assertThat(json.get("status").asText()).isEqualTo("FAILED");
        assertThat(json.get("failureCode").asText()).isEqualTo("SAFETY.INPUT.VIDEO");
    }

    @Test
    void cancelledTaskExitsOne() {
        simulator.scenarioFor(
                "final",
                TaskScenario.standard()
                        .withTimes(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(10))
                        .cancelled());

        assertThat(run(VIDEO)).isEqualTo(1);
        assertThat(stderr()).contains("cancelled");
    }

    @ParameterizedTest
    @EnumSource(TaskReport.Status.class)
    void writesTheReportTheContractGivesForEachWayATaskEnds(TaskReport.Status status) throws Exception {
        TaskScenario quick =
                TaskScenario.standard().withTimes(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(10));
        String timeout = "60m";
        switch (status) {
            case SUCCEEDED -> simulator.scenarioFor("final", quick);
            case FAILED ->
                simulator.scenarioFor("final", quick.failing(ReportContract.FAILURE_CODE, ReportContract.FAILURE));
            case CANCELLED -> simulator.scenarioFor("final", quick.cancelled());
            case TIMED_OUT -> {
                simulator.scenarioFor(
                        "final", quick.withTimes(Duration.ofSeconds(1), Duration.ZERO, Duration.ofHours(10)));
                timeout = "1s";
            }
            case ERROR -> simulator.fault(FaultRule.always("GET", "/runwayml/v1/tasks/", Fault.status(401)));
        }

        run("--output-dir", dir.toString(), "--timeout", timeout, ReportContract.VIDEO);

        String id = simulatorTaskId();
        List<String> outputs = status == TaskReport.Status.SUCCEEDED
                ? List.of(simulator.baseUrl() + "/outputs/" + id + ".mp4")
                : List.of();
        String written = Files.readString(dir.resolve("runway-upscale").resolve(id + ".json"));
        assertThat(ReportContract.withoutTimes(written)).isEqualTo(ReportContract.expected(status, id, outputs));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://cdn.example.com/a.mp4",
                "https://10.0.0.1/a.mp4",
                "ftp://x/y.mp4",
                "not a url",
                "https://2130706433/a.mp4",
                "https://0x7f000001/a.mp4",
                "https://0177.0.0.1/a.mp4",
                "https://017700000001/a.mp4",
                "https://[::1]/a.mp4",
                "https://localhost./a.mp4"
            })
    void badVideoExitsTwoAndSendsNothing(String video) {
        assertThat(run(video)).isEqualTo(2);
        assertThat(stderr()).contains("video URI: ");
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void missingKeyExitsTwoAndSendsNothing() {
        env.remove("COMETAPI_KEY");

        assertThat(run(VIDEO)).isEqualTo(2);
        assertThat(stderr()).contains("COMETAPI_KEY").contains("--simulate");
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void badOptionsExitTwoAndSendNothing() {
        assertThat(run("--timeout", "soon", VIDEO)).isEqualTo(2);
        assertThat(run("--option", "resolution", VIDEO)).isEqualTo(2);
        assertThat(run("--runway-version", "v2", VIDEO)).isEqualTo(2);
        assertThat(run("--base-url", "http://api.example.com", VIDEO)).isEqualTo(2);
        assertThat(run("--no-such-option", VIDEO)).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(run("--video-file", dir.resolve("missing.mp4").toString())).isEqualTo(2);
        assertThat(simulator.requests()).isEmpty();
        assertThat(stderr())
                .contains("--timeout")
                .contains("--option")
                .contains("Runway version")
                .contains("base URL")
                .contains("Unknown option");
    }

    @Test
    void tooBigOrUnknownVideoFileExitsTwo() throws Exception {
        Path big = dir.resolve("big.mp4");
        try (var channel = FileChannel.open(big, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[1]), 16L * 1024 * 1024);
        }
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");

        assertThat(run("--video-file", big.toString())).isEqualTo(2);
        assertThat(run("--video-file", text.toString())).isEqualTo(2);
        assertThat(stderr())
                .contains("has 16777217 bytes (16 MB + 1 byte), over the data-URI limit of model upscale_v1 of 16 MB")
                .contains("notes.txt' is not a video (it looks like text)");
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void videoFileIsSentInlineAsDataUri() throws Exception {
        Path clip = Files.write(dir.resolve("clip.mp4"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'});

        assertThat(run("--video-file", clip.toString(), "--output-dir", dir.toString()))
                .isZero();

        assertThat(simulator.requests().get(0).videoUri()).startsWith("data:video/mp4;base64,");
        JsonNode json = JSON.readTree(dir.resolve("runway-upscale")
                .resolve(simulatorTaskId() + ".json")
                .toFile());
        assertThat(json.get("videoUri").asText()).isEqualTo("data:video/mp4;base64,... (8 bytes)");
        assertThat(json.get("videoFile").get("name").asText()).isEqualTo(clip.toString());
        assertThat(json.get("videoFile").get("bytes").asLong()).isEqualTo(8);
        assertThat(json.get("videoFile").get("sha256").asText()).hasSize(64);
    }

    @Test
    void modelAndOptionsArePassedThrough() {
        assertThat(run(
                        "--model",
                        "magnific_video_upscaler_creative",
                        "--option",
                        "resolution=4k",
                        "--option",
                        "creativity=30",
                        VIDEO))
                .isZero();
        assertThat(stderr()).contains("model magnific_video_upscaler_creative");
    }

    @Test
    void wrongKeyExitsThreeWithoutRevealingIt() {
        env.put("COMETAPI_KEY", "sk-wrong-SECRET-123");

        assertThat(run("--verbose", VIDEO)).isEqualTo(3);
        assertThat(stderr())
                .contains("HTTP 401")
                .contains("Check the CometAPI key")
                .doesNotContain("sk-wrong-SECRET-123");
        assertThat(simulator.postCount()).isEqualTo(1);
    }

    @Test
    void serverErrorOnSubmitExitsThreeAndIsNeverResubmitted() {
        simulator.fault(FaultRule.first(1, "POST", "/runwayml/v1/video_upscale", Fault.createThenStatus(502)));

        assertThat(run(VIDEO)).isEqualTo(3);
        assertThat(stderr()).contains("may have been created").contains("not resubmitted");
        assertThat(simulator.postCount()).isEqualTo(1);
    }

    @Test
    void rateLimitedSubmitIsRetriedAndStillOnlyOneTaskExists() {
        simulator.fault(FaultRule.first(1, "POST", "/runwayml/v1/video_upscale", Fault.rateLimited(1)));

        assertThat(run(VIDEO)).isZero();
        assertThat(simulator.postCount()).isEqualTo(2);
        assertThat(simulator.taskCount()).isEqualTo(1);
    }

    @Test
    void timeoutExitsFourWithTheLastStatus() {
        simulator.scenarioFor(
                "final", TaskScenario.standard().withTimes(Duration.ofSeconds(1), Duration.ZERO, Duration.ofHours(10)));

        // Reads come at the SDK cadence (about 6 s): 10 s leaves one whole reading before the deadline's last one,
        // so the message names the last status seen even when a loaded machine cuts the deadline's reading short.
        assertThat(run("--timeout", "10s", VIDEO)).isEqualTo(4);
        assertThat(stderr()).contains("Gave up waiting").contains("last status RUNNING");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void hugeAnswersAreRefusedUnreadAndExitThree(boolean declared) {
        simulator.fault(FaultRule.always("GET", "/runwayml/v1/tasks/", Fault.hugeBody(500, 400_000_000, declared)));

        assertThat(run(VIDEO)).isEqualTo(3);
        assertThat(stderr())
                .contains("was refused")
                .contains(declared ? "announced 400000000 bytes" : "longer than 1048576 bytes");
        assertThat(simulator.taskReadCount()).isEqualTo(1);
    }

    @Test
    void slowDripReadsExitFourSoonAfterTheTimeout() {
        simulator.scenarioFor(
                "final", TaskScenario.standard().withTimes(Duration.ofSeconds(1), Duration.ZERO, Duration.ofHours(10)));
        simulator.fault(FaultRule.always("GET", "/runwayml/v1/tasks/", Fault.drip(Duration.ofMillis(300))));

        Timed run = timed("--timeout", "2s", VIDEO);

        assertThat(run.code()).isEqualTo(4);
        assertThat(stderr()).contains("Gave up waiting for Runway task " + simulatorTaskId());
        // Each dripping answer would take about a minute; the run ends at the deadline plus the last look
        // (half a second), with room for a loaded machine.
        assertThat(run.took()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(6));
    }

    @Test
    void slowDripSubmissionExitsFourSayingTheTaskMayExist() {
        simulator.fault(FaultRule.always("POST", "/runwayml/v1/video_upscale", Fault.drip(Duration.ofMillis(300))));

        Timed run = timed("--timeout", "2s", VIDEO);

        assertThat(run.code()).isEqualTo(4);
        assertThat(stderr())
                .contains("while submitting")
                .contains("may have been created")
                .contains("not resubmitted");
        assertThat(simulator.postCount()).isEqualTo(1);
        assertThat(simulator.taskCount()).isEqualTo(1);
        assertThat(run.took()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(6));
    }

    @Test
    void interruptStopsWaitingCancelsAndSaysTheTaskId() {
        simulator.scenarioFor(
                "final", TaskScenario.standard().withTimes(Duration.ofSeconds(1), Duration.ZERO, Duration.ofHours(10)));
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> run(VIDEO));
        await().atMost(10, TimeUnit.SECONDS).until(() -> simulator.taskReadCount() > 0);

        interrupted.complete(null);

        assertThat(code.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(130);
        assertThat(stderr()).contains("Interrupted").contains(simulatorTaskId()).contains("accepted");
        assertThat(simulator.deleteCount()).isEqualTo(1);
        assertThat(stdout()).isEmpty();
    }

    @Test
    void downloadStoresTheSimulatorsBytes() throws Exception {
        simulator.scenarioFor(
                "final",
                TaskScenario.standard()
                        .withTimes(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(10))
                        .withOutputBytes(2_500_000));

        assertThat(run("--output-dir", dir.toString(), "--download", VIDEO)).isZero();

        Path video = dir.resolve(simulatorTaskId() + ".mp4");
        assertThat(Files.readAllBytes(video)).isEqualTo(OutputContent.bytes(2_500_000));
        assertThat(stderr()).contains("Downloaded 2500000 bytes");
    }

    @Test
    void downloadToWritesTheNamedFileAndRecordsItsChecksum() throws Exception {
        simulator.scenarioFor(
                "final",
                TaskScenario.standard()
                        .withTimes(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(10))
                        .withOutputBytes(300_000));
        Path target = dir.resolve("release").resolve("intro-4k.mp4");

        assertThat(run("--output-dir", dir.toString(), "--download-to", target.toString(), VIDEO))
                .isZero();

        byte[] expected = OutputContent.bytes(300_000);
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected));
        assertThat(Files.readAllBytes(target)).isEqualTo(expected);
        assertThat(dir.resolve(simulatorTaskId() + ".mp4")).doesNotExist();
        assertThat(stderr()).contains("Downloaded 300000 bytes to " + target + " (SHA-256 " + sha256 + ")");
        JsonNode json = JSON.readTree(dir.resolve("runway-upscale")
                .resolve(simulatorTaskId() + ".json")
                .toFile());
        assertThat(json.get("download").get("file").asText()).isEqualTo(target.toString());
        assertThat(json.get("download").get("bytes").asLong()).isEqualTo(300_000);
        assertThat(json.get("download").get("sha256").asText()).isEqualTo(sha256);
    }

    @Test
    void downloadAndDownloadToTogetherExitTwo() {
        assertThat(run("--download", "--download-to", dir.resolve("a.mp4").toString(), VIDEO))
                .isEqualTo(2);
        assertThat(stderr()).contains("give either --download or --download-to, not both");
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void theDataUriLimitFollowsTheModelAndCanBeOverridden() throws Exception {
        byte[] video = new byte[6 * 1024 * 1024];
        System.arraycopy(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}, 0, video, 0, 12);
        Path clip = Files.write(dir.resolve("clip.mp4"), video);

        assertThat(run("--model", "magnific_video_upscaler_creative", "--video-file", clip.toString()))
                .isEqualTo(2);
        assertThat(stderr()).contains("over the data-URI limit of model magnific_video_upscaler_creative of 5 MB");
        assertThat(run("--data-uri-limit", "1MB", "--video-file", clip.toString()))
                .isEqualTo(2);
        assertThat(stderr()).contains("over the configured data-URI limit of 1 MB (1048576 bytes)");
        assertThat(run("--data-uri-limit", "lots", "--video-file", clip.toString()))
                .isEqualTo(2);
        assertThat(stderr()).contains("--data-uri-limit: 'lots' is not a positive size");
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void videoFileOfTheWrongTypeIsRefusedWhateverItsName() throws Exception {
        Path png = Files.write(dir.resolve("intro.mp4"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});

        assertThat(run("--video-file", png.toString())).isEqualTo(2);
        assertThat(stderr()).contains("is not a video (it looks like a PNG image)");
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void badOptionNamesExitTwo() {
        assertThat(run("--option", "fps-boost=true", VIDEO)).isEqualTo(2);
        assertThat(stderr())
                .contains("--option: option name 'fps-boost' may contain only letters, digits and underscores");
        assertThat(simulator.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"VIDEOURI=https://evil.example.com/x.mp4", "Model=gen4", "videouri=x"})
    void anOptionNamedLikeTheRequestsOwnFieldsExitsTwoInAnyCase(String option) {
        assertThat(run("--option", option, VIDEO)).isEqualTo(2);
        assertThat(stderr()).contains("cannot be set as an option");
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void simulateNeedsNoKeyOrNetwork() {
        env.clear();

        assertThat(run("--simulate", "https://example.com/clip.mp4")).isZero();
        assertThat(stdout().lines().toList()).singleElement().asString().startsWith("http://127.0.0.1:");
        assertThat(stderr()).contains("Simulating CometAPI");
    }

    @Test
    void quietKeepsStderrForFailuresOnly() {
        assertThat(run("--quiet", VIDEO)).isZero();
        assertThat(stderr()).isEmpty();
        assertThat(stdout()).isNotEmpty();
    }

    @Test
    void helpDocumentsEveryExitCode() {
        assertThat(run("--help")).isZero();
        assertThat(stderr()).contains("COMETAPI_KEY").contains("--simulate").contains("Exit codes:");
        for (String code : List.of("0", "1", "2", "3", "4", "130")) {
            assertThat(stderr()).containsPattern("(?m)^\\s+" + code + "\\s+\\S");
        }
    }

    @Test
    void versionIsPrinted() {
        assertThat(run("--version")).isZero();
        assertThat(stderr()).startsWith("runway-upscale ");
    }

    @Test
    void keyNeverAppearsInAnyOutput() throws Exception {
        run("--output-dir", dir.toString(), "--verbose", VIDEO);
        simulator.scenarioFor("final", TaskScenario.standard().failing("INTERNAL", "boom " + KEY));
        run("--output-dir", dir.toString(), "--verbose", VIDEO);

        assertThat(stdout()).doesNotContain(KEY);
        assertThat(stderr()).doesNotContain(KEY);
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).doesNotContain(KEY);
            }
        }
    }

    @Test
    void serverChosenTaskIdIsRefusedAndNothingIsWritten() throws Exception {
        simulator.fault(FaultRule.always("POST", "/runwayml/v1/video_upscale", Fault.createAs("../../x/evil")));
        Path output = dir.resolve("a").resolve("b");

        int code = run("--output-dir", output.toString(), "--download", VIDEO);

        assertThat(code).isEqualTo(3);
        assertThat(stderr())
                .contains("'../../x/evil', which is no usable task id")
                .contains("may have been created")
                .contains("not resubmitted");
        assertThat(simulator.postCount()).isEqualTo(1);
        assertThat(simulator.taskReadCount()).isZero();
        assertNoFilesIn(dir);
    }

    @Test
    void readNamingAnotherTaskExitsThreeAndWritesNothing() throws Exception {
        simulator.fault(FaultRule.always(
                "GET",
                "/runwayml/v1/tasks/",
                Fault.body(
                        200,
                        "{\"id\":\"../../../x/evil\",\"status\":\"SUCCEEDED\",\"output\":[\"" + simulator.baseUrl()
                                + "/outputs/{id}.mp4\"]}")));

        int code = run("--output-dir", dir.toString(), "--download", VIDEO);

        assertThat(code).isEqualTo(3);
        assertThat(stderr()).contains("another task ('../../../x/evil')");
        assertThat(stdout()).isEmpty();
        assertThat(simulator.downloadCount()).isZero();
        // Only the record of the task that was really submitted, under its own id, and without outputs.
        String id = simulatorTaskId();
        assertThat(filesIn(dir))
                .extracting(f -> dir.relativize(f).toString())
                .containsExactlyInAnyOrder("runway-upscale/" + id + ".url", "runway-upscale/" + id + ".json");
        assertThat(Files.readString(dir.resolve("runway-upscale/" + id + ".url")))
                .isEmpty();
        assertThat(dir.resolveSibling("x")).doesNotExist();
    }

    @Test
    void existingFilesAreReplacedOnlyWithOverwrite() throws Exception {
        Fault fixedId = Fault.createAs("fixed-id");
        simulator.fault(FaultRule.first(1, "POST", "/runwayml/v1/video_upscale", fixedId));
        assertThat(run("--output-dir", dir.toString(), "--download", VIDEO)).isZero();
        Path video = dir.resolve("fixed-id.mp4");
        Path json = dir.resolve("runway-upscale").resolve("fixed-id.json");
        Files.writeString(video, "mine");
        Files.writeString(json, "mine too");

        simulator.fault(FaultRule.first(1, "POST", "/runwayml/v1/video_upscale", fixedId));
        int kept = run("--output-dir", dir.toString(), "--download", VIDEO);

        assertThat(kept).isEqualTo(3);
        assertThat(stderr()).contains("already exists").contains("--overwrite");
        assertThat(Files.readString(video)).isEqualTo("mine");
        assertThat(Files.readString(json)).isEqualTo("mine too");

        simulator.fault(FaultRule.first(1, "POST", "/runwayml/v1/video_upscale", fixedId));
        assertThat(run("--output-dir", dir.toString(), "--download", "--overwrite", VIDEO))
                .isZero();
        assertThat(Files.readAllBytes(video)).isEqualTo(OutputContent.bytes((int) Files.size(video)));
        assertThat(Files.size(video)).isPositive();
        assertThat(JSON.readTree(json.toFile()).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void keySentBackEscapedAppearsInNoOutputOrFile() throws Exception {
        StringBuilder escaped = new StringBuilder();
        KEY.chars().forEach(c -> escaped.append(String.format("\\u%04x", c)));
        simulator.fault(FaultRule.always(
                "GET",
                "/runwayml/v1/tasks/",
                Fault.body(
                        200,
                        "{\"id\":\"{id}\",\"status\":\"FAILED\",\"failureCode\":\"" + escaped + "\",\"failure\":\"echo "
                                + escaped + "\"}")));

        int code = run("--output-dir", dir.toString(), "--verbose", VIDEO);

        assertThat(code).isEqualTo(1);
        assertThat(stderr()).contains("echo ****").doesNotContain(KEY);
        assertThat(stdout()).doesNotContain(KEY);
        assertThat(filesIn(dir))
                .isNotEmpty()
                .allSatisfy(f -> assertThat(Files.readString(f)).doesNotContain(KEY));
    }

    @Test
    void controlCharactersFromTheServerNeverReachTheTerminalOrFiles() throws Exception {
        simulator.fault(FaultRule.always(
                "GET",
                "/runwayml/v1/tasks/",
                Fault.body(
                        200,
                        "{\"id\":\"{id}\",\"status\":\"FAILED\",\"failureCode\":\"X\\u001b[31m\","
                                + "\"failure\":\"\\u001b]0;owned\\u0007\\nFinished: SUCCESS\\u202egnp.exe\\u2028\"}")));

        int code = run(true, "--output-dir", dir.toString(), VIDEO);

        assertThat(code).isEqualTo(1);
        assertThat(stderr()).contains("]0;owned Finished: SUCCESS gnp.exe");
        assertThat(stderr().replace(System.lineSeparator(), "").replace("\r", ""))
                .doesNotContain("\u001b]")
                .doesNotContain("\u001b[31m")
                .doesNotContain("\u0007")
                .doesNotContain("\u202e")
                .doesNotContain("\u2028");
        assertThat(stderr()).doesNotContainPattern("(?m)^Finished: SUCCESS");
        JsonNode json = JSON.readTree(dir.resolve("runway-upscale")
                .resolve(simulatorTaskId() + ".json")
                .toFile());
        assertThat(json.get("failure").asText()).isEqualTo("]0;owned Finished: SUCCESS gnp.exe");
        assertThat(json.get("failureCode").asText()).isEqualTo("X [31m");
    }

    /** An exit code and how long (real time) the run took to reach it. */
    private record Timed(int code, Duration took) {}

    /** Files of a download, finished or not: the video and any part file beside it. */
    private List<String> downloadFiles() throws IOException {
        return filesIn(dir).stream()
                .map(f -> f.getFileName().toString())
                .filter(n -> n.endsWith(".mp4") || n.endsWith(".part"))
                .toList();
    }

    private void outputsAre(String... urls) {
        String list = String.join("\",\"", urls);
        simulator.fault(FaultRule.always(
                "GET",
                "/runwayml/v1/tasks/",
                Fault.body(200, "{\"id\":\"{id}\",\"status\":\"SUCCEEDED\",\"output\":[\"" + list + "\"]}")));
    }

    @Test
    void aDownloadStillRunningAtTheTimeoutExitsFourAndLeavesNothing() throws Exception {
        simulator.fault(FaultRule.always("GET", "/outputs/", Fault.drip(Duration.ofMillis(100))));

        Timed run = timed("--timeout", "3s", "--output-dir", dir.toString(), "--download", VIDEO);

        assertThat(run.code()).isEqualTo(4);
        assertThat(stderr())
                .contains("the task succeeded but downloading its output failed: Downloading the output did not"
                        + " finish within ");
        assertThat(run.took()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(7));
        assertThat(downloadFiles()).isEmpty();
    }

    @Test
    void ctrlCDuringADownloadRemovesItsPartFile() throws Exception {
        simulator.fault(FaultRule.always("GET", "/outputs/", Fault.drip(Duration.ofMillis(100))));
        CompletableFuture<Integer> code =
                CompletableFuture.supplyAsync(() -> run("--output-dir", dir.toString(), "--download", VIDEO));
        await().atMost(20, TimeUnit.SECONDS).until(() -> downloadFiles().size() == 1 && simulator.downloadCount() == 1);

        interrupted.complete(null);

        assertThat(code.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(130);
        assertThat(stderr()).contains("Interrupted while downloading the output");
        assertThat(downloadFiles()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anOutputOverMaxDownloadExitsThreeNamingSizeAndCap(boolean declared) throws Exception {
        simulator.fault(FaultRule.always("GET", "/outputs/", Fault.hugeBody(200, 300L * 1024 * 1024, declared)));

        int code = run("--max-download", "2MB", "--output-dir", dir.toString(), "--download", VIDEO);

        assertThat(code).isEqualTo(3);
        assertThat(stderr())
                .contains(
                        declared
                                ? "The output is 314572800 bytes (300 MB), over the download limit of 2 MB (2097152"
                                        + " bytes); it was refused before its body was read"
                                : "The output passed the download limit of 2 MB (2097152 bytes) without announcing"
                                        + " its size");
        assertThat(downloadFiles()).isEmpty();
    }

    @Test
    void maxDownloadMustBeASizeAndItsDefaultIsInTheHelp() {
        assertThat(run("--max-download", "lots", VIDEO)).isEqualTo(2);
        assertThat(stderr()).contains("--max-download: 'lots' is not a positive size such as 2GB");
        assertThat(simulator.postCount()).isZero();

        assertThat(run("--help")).isZero();
        assertThat(stderr()).contains("--max-download=<size>").contains("(default: 4GB");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://10.0.0.5/admin",
                "https://169.254.169.254/latest/meta-data/",
                "http://0x7f000001:8080/a.mp4",
                "https://localhost/a.mp4",
                "https://cdn.example.com/a$(id).mp4",
                "https://cdn.example.com/a`id`.mp4",
                "https://cdn.example.com/a'b.mp4"
            })
    void anOutputThatMayNotBeFetchedExitsThreeAndIsNeitherPrintedNorWritten(String url) throws Exception {
        outputsAre(url);

        int code = run("--output-dir", dir.toString(), VIDEO);

        assertThat(code).isEqualTo(3);
        assertThat(stdout()).isEmpty();
        String id = simulatorTaskId();
        assertThat(Files.readString(dir.resolve("runway-upscale/" + id + ".url")))
                .isEmpty();
        assertThat(Files.readString(dir.resolve("runway-upscale/" + id + ".json")))
                .doesNotContain(url);
    }

    @Test
    void onlyTheFirstOutputIsDownloaded() throws Exception {
        // The real task ends at once, so its output is there when the faked read says it succeeded.
        simulator.scenarioFor("final", TaskScenario.standard().withTimes(Duration.ZERO, Duration.ZERO, Duration.ZERO));
        outputsAre(simulator.baseUrl() + "/outputs/{id}.mp4", simulator.baseUrl() + "/outputs/{id}.mp4");

        assertThat(run("--output-dir", dir.toString(), "--download", VIDEO))
                .as(this::stderr)
                .isZero();

        assertThat(simulator.downloadCount()).isEqualTo(1);
        assertThat(downloadFiles()).containsExactly(simulatorTaskId() + ".mp4");
        assertThat(stderr()).contains("gave 2 outputs; downloading the first");
    }

    @Test
    void overwriteReplacesPlantedLinksAndNeverWritesThroughThem() throws Exception {
        Fault fixedId = Fault.createAs("fixed-id");
        simulator.fault(FaultRule.first(1, "POST", "/runwayml/v1/video_upscale", fixedId));
        Path folder = Files.createDirectories(dir.resolve("runway-upscale"));
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        Files.createSymbolicLink(folder.resolve("fixed-id.url"), victim);
        Files.createSymbolicLink(folder.resolve("fixed-id.json"), victim);
        Files.createSymbolicLink(dir.resolve("fixed-id.mp4"), victim);

        assertThat(run("--output-dir", dir.toString(), "--download", "--overwrite", VIDEO))
                .isZero();

        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(Files.isSymbolicLink(folder.resolve("fixed-id.url"))).isFalse();
        assertThat(Files.isSymbolicLink(folder.resolve("fixed-id.json"))).isFalse();
        assertThat(Files.isSymbolicLink(dir.resolve("fixed-id.mp4"))).isFalse();
        assertThat(Files.size(dir.resolve("fixed-id.mp4"))).isPositive();
    }

    @Test
    void anExistingDownloadToFileIsRefusedBeforeAnythingIsSent() throws Exception {
        Path target = Files.writeString(dir.resolve("intro-4k.mp4"), "mine");

        assertThat(run("--download-to", target.toString(), VIDEO)).isEqualTo(2);

        assertThat(stderr()).contains("--download-to: " + target + " already exists; give --overwrite");
        assertThat(simulator.postCount()).isZero();
        assertThat(Files.readString(target)).isEqualTo("mine");
    }

    @Test
    void aSymlinkedArtifactFolderIsRefusedWithExitThree() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(out.resolve("runway-upscale"), elsewhere);

        assertThat(run("--output-dir", out.toString(), "--overwrite", VIDEO)).isEqualTo(3);

        assertThat(stderr()).contains("is a symbolic link");
        assertThat(filesIn(elsewhere)).isEmpty();
    }

    private Timed timed(String... args) {
        long start = System.nanoTime();
        int code = CompletableFuture.supplyAsync(() -> run(args))
                .orTimeout(60, TimeUnit.SECONDS)
                .join();
        return new Timed(code, Duration.ofNanos(System.nanoTime() - start));
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static void assertNoFilesIn(Path folder) throws IOException {
        assertThat(filesIn(folder)).isEmpty();
        assertThat(folder.resolveSibling("x")).doesNotExist();
    }

    private String simulatorTaskId() {
        return onlyTaskId();
    }
}
