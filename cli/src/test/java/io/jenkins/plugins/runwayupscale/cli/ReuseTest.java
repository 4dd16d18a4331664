package io.jenkins.plugins.runwayupscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.runwayupscale.client.FixedPollingPolicy;
import io.jenkins.plugins.runwayupscale.client.RunwayEngine;
import io.jenkins.plugins.runwayupscale.simulator.RunwaySimulator;
import io.jenkins.plugins.runwayupscale.simulator.TaskScenario;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --reuse} end to end against the simulator, which counts POSTs: a second run with the same video, model and
 * options takes the first run's task (read again, or its downloaded file when the task is gone), and anything that
 * differs submits.
 */
class ReuseTest {
    private static final String KEY = "sk-cli-reuse-SECRET-1a2b3c";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] CLIP = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};

    @TempDir
    Path dir;

    private final RunwaySimulator simulator = RunwaySimulator.builder()
            .apiKey(KEY)
            .timeScale(0.002)
            .defaultScenario(TaskScenario.standard()
                    .withTimes(Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(60))
                    .withOutputBytes(50_000))
            .build()
            .start();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        simulator.close();
    }

    /** Runs the command with fresh stdout and stderr, as a script's next line would. */
    private int run(String... args) {
        out.reset();
        err.reset();
        Console console = new Console(
                Map.of("COMETAPI_KEY", KEY, "COMETAPI_BASE_URL", simulator.baseUrl()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false,
                new CompletableFuture<>());
        return UpscaleCommand.run(
                args,
                console,
                () -> simulator,
                config -> RunwayEngine.builder()
                        .config(config)
                        .pollingPolicy(
                                new FixedPollingPolicy(Duration.ofMillis(50), Duration.ZERO, new SplittableRandom(1)))
                        .build());
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path clip() throws IOException {
        Path clip = dir.resolve("intro.mp4");
        if (!Files.exists(clip)) {
            Files.write(clip, CLIP);
        }
        return clip;
    }

    private List<String> args(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--output-dir", dir.toString(), "--video-file", clip().toString()));
        args.addAll(List.of(extra));
        return args;
    }

    private int runWith(String... extra) throws IOException {
        return run(args(extra).toArray(String[]::new));
    }

    private String onlyTask() {
        assertThat(simulator.taskIds()).hasSize(1);
        return simulator.taskIds().iterator().next();
    }

    private Path report(String taskId) {
        return dir.resolve("runway-upscale").resolve(taskId + ".json");
    }

    private JsonNode json(String taskId) throws IOException {
        return JSON.readTree(report(taskId).toFile());
    }

    private String outputUrl(String taskId) {
        return simulator.baseUrl() + "/outputs/" + taskId + ".mp4";
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Makes the earlier report's URL one that a fresh read of the task does not give, to tell them apart. */
    private void ageOutputUrl(String taskId) throws IOException {
        ObjectNode earlier = (ObjectNode) json(taskId);
        earlier.putArray("outputs").add(outputUrl(taskId) + "?expired=1");
        Files.writeString(report(taskId), earlier.toString());
    }

    @Test
    void readableTaskIsReadAgainAndNothingIsSubmitted() throws Exception {
        assertThat(runWith()).isZero();
        String id = onlyTask();
        ageOutputUrl(id);
        long reads = simulator.taskReadCount();

        assertThat(runWith("--reuse")).isZero();

        assertThat(simulator.postCount()).isEqualTo(1);
        assertThat(simulator.taskReadCount()).isEqualTo(reads + 1);
        assertThat(stdout()).isEqualTo(outputUrl(id) + System.lineSeparator());
        String sha = sha256(CLIP);
        assertThat(stderr())
                .contains("Reused task " + id + " from runway-upscale/" + id + ".json: same video (sha256 "
                        + sha.substring(0, 12) + "...), model and options; nothing submitted.");
        assertThat(Files.readString(dir.resolve("runway-upscale").resolve(id + ".url")))
                .isEqualTo(outputUrl(id) + "\n");
        JsonNode json = json(id);
        assertThat(json.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.get("outputs").get(0).asText()).isEqualTo(outputUrl(id));
        assertThat(json.get("videoFile").get("sha256").asText()).isEqualTo(sha);
        assertThat(json.get("reusedFrom").get("build").asText()).isEqualTo("runway-upscale/" + id + ".json");
        assertThat(json.get("reusedFrom").get("taskId").asText()).isEqualTo(id);
        assertThat(json.get("reusedFrom").get("inputSha256").asText()).isEqualTo(sha);
    }

    @Test
    void reusedReportIsReusedAgainThroughItsInputSha256() throws Exception {
        assertThat(runWith()).isZero();
        assertThat(runWith("--reuse")).isZero();
        // A report without videoFile that says which input it took a result for, as the plugin's may.
        String id = onlyTask();
        ObjectNode reused = (ObjectNode) json(id);
        reused.remove("videoFile");
        Files.writeString(report(id), reused.toString());

        assertThat(runWith("--reuse")).isZero();

        assertThat(simulator.postCount()).isEqualTo(1);
        assertThat(stderr()).contains("Reused task " + id);
    }

    @Test
    void readableTaskIsDownloadedAgainFromItsFreshUrl() throws Exception {
        Path first = dir.resolve("first-4k.mp4");
        Path second = dir.resolve("release").resolve("second-4k.mp4");
        assertThat(runWith("--download-to", first.toString())).isZero();
        String id = onlyTask();
        ageOutputUrl(id);
        long downloads = simulator.downloadCount();

        assertThat(runWith("--reuse", "--download-to", second.toString())).isZero();

        assertThat(simulator.postCount()).isEqualTo(1);
        assertThat(simulator.downloadCount()).isEqualTo(downloads + 1);
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        JsonNode download = json(id).get("download");
        assertThat(download.get("file").asText()).isEqualTo(second.toString());
        assertThat(download.get("sha256").asText()).isEqualTo(sha256(Files.readAllBytes(first)));
    }

    @Test
    void readableTaskKeepsTheEarlierDownloadWhenItIsTheTargetAndUnchanged() throws Exception {
        Path target = dir.resolve("intro-4k.mp4");
        assertThat(runWith("--download-to", target.toString())).isZero();
        long downloads = simulator.downloadCount();

        // Without --overwrite: the file there is this task's download, unchanged.
        assertThat(runWith("--reuse", "--download-to", target.toString())).isZero();

        assertThat(simulator.postCount()).isEqualTo(1);
        assertThat(simulator.downloadCount()).isEqualTo(downloads);
        assertThat(stderr()).contains("Kept " + target);
        assertThat(json(onlyTask()).get("download").get("file").asText()).isEqualTo(target.toString());
    }

    @Test
    void goneTaskWithItsDownloadUnchangedTakesTheDownloadAndTheEarlierUrl() throws Exception {
        Path first = dir.resolve("first-4k.mp4");
        Path second = dir.resolve("second-4k.mp4");
        assertThat(runWith("--download-to", first.toString())).isZero();
        String id = onlyTask();
        String earlierUrl = outputUrl(id) + "?expired=1";
        ageOutputUrl(id);
        simulator.reset(); // forgets the task: a read answers 404

        assertThat(runWith("--reuse", "--download-to", second.toString())).isZero();

        assertThat(simulator.postCount()).isZero();
        assertThat(simulator.taskReadCount()).isEqualTo(1);
        assertThat(simulator.downloadCount()).isZero();
        assertThat(stdout()).isEqualTo(earlierUrl + System.lineSeparator());
        assertThat(stderr())
                .contains("Reused task " + id)
                .contains("can no longer be read")
                .contains("may have expired")
                .contains("the downloaded file " + first + " (sha256 ")
                .contains("still matches and was kept");
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        assertThat(Files.getPosixFilePermissions(second)).isEqualTo(Files.getPosixFilePermissions(first));
        assertThat(Files.readString(dir.resolve("runway-upscale").resolve(id + ".url")))
                .isEqualTo(earlierUrl + "\n");
        JsonNode json = json(id);
        assertThat(json.get("download").get("file").asText()).isEqualTo(second.toString());
        assertThat(json.get("reusedFrom").get("taskId").asText()).isEqualTo(id);
    }

    @Test
    void goneTaskWithItsDownloadChangedSubmits() throws Exception {
        Path first = dir.resolve("first-4k.mp4");
        assertThat(runWith("--download-to", first.toString())).isZero();
        String id = onlyTask();
        simulator.reset();
        byte[] edited = Files.readAllBytes(first);
        edited[100] ^= 1;
        Files.write(first, edited);

        assertThat(runWith("--reuse", "--download", "--overwrite")).isZero();

        assertThat(simulator.postCount()).isEqualTo(1);
        assertThat(stderr())
                .contains("task " + id + " of runway-upscale/" + id + ".json had the same video")
                .contains("can no longer be read")
                .contains("submitting");
        assertThat(json(onlyTask()).get("reusedFrom")).isNull();
    }

    @Test
    void goneTaskWithoutDownloadSubmits() throws Exception {
        assertThat(runWith()).isZero();
        simulator.reset();

        assertThat(runWith("--reuse")).isZero();

        assertThat(simulator.postCount()).isEqualTo(1);
        assertThat(stdout()).isEqualTo(outputUrl(onlyTask()) + System.lineSeparator());
    }

    @Test
    void optionsAreComparedAsJsonValuesInAnyOrder() throws Exception {
        String model = "magnific_video_upscaler_creative";
        assertThat(runWith("--model", model, "--option", "resolution=4k", "--option", "creativity=30"))
                .isZero();

        assertThat(runWith("--reuse", "--model", model, "--option", "creativity=30", "--option", "resolution=4k"))
                .isZero();
        assertThat(simulator.postCount()).isEqualTo(1);

        assertThat(runWith("--reuse", "--model", model, "--option", "creativity=31", "--option", "resolution=4k"))
                .isZero();
        assertThat(simulator.postCount()).isEqualTo(2);
        assertThat(stderr()).contains("--reuse: no SUCCEEDED report in").contains("submitting");

        // "30" as a string is another value than the number 30.
        assertThat(runWith("--reuse", "--model", model, "--option", "creativity=\"30\"", "--option", "resolution=4k"))
                .isZero();
        assertThat(runWith("--reuse", "--model", model, "--option", "resolution=4k"))
                .isZero();
        assertThat(simulator.postCount()).isEqualTo(4);
    }

    @Test
    void anotherModelSubmits() throws Exception {
        assertThat(runWith()).isZero();

        assertThat(runWith("--reuse", "--model", "magnific_video_upscaler_creative"))
                .isZero();

        assertThat(simulator.postCount()).isEqualTo(2);
    }

    @Test
    void anotherRunwayVersionSubmits() throws Exception {
        assertThat(runWith()).isZero();

        assertThat(runWith("--reuse", "--runway-version", "2025-01-01")).isZero();

        assertThat(simulator.postCount()).isEqualTo(2);
    }

    @Test
    void anotherVideoSubmits() throws Exception {
        assertThat(runWith()).isZero();
        Files.write(clip(), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'});

        assertThat(runWith("--reuse")).isZero();

        assertThat(simulator.postCount()).isEqualTo(2);
    }

    @Test
    void withoutReuseEveryRunSubmits() throws Exception {
        assertThat(runWith()).isZero();
        assertThat(runWith()).isEqualTo(0);

        assertThat(simulator.postCount()).isEqualTo(2);
        assertThat(stderr()).doesNotContain("Reused").doesNotContain("--reuse");
    }

    @Test
    void aDataUriIsMatchedByItsContentAlsoAgainstAFile() throws Exception {
        String dataUri = "data:video/mp4;base64," + Base64.getEncoder().encodeToString(CLIP);
        assertThat(runWith()).isZero();
        String id = onlyTask();

        assertThat(run("--reuse", "--output-dir", dir.toString(), dataUri)).isZero();
        assertThat(simulator.postCount()).isEqualTo(1);
        assertThat(stderr()).contains("Reused task " + id);

        // A data URI's own report records its SHA-256 too, so a data URI alone is matched again.
        Path other = dir.resolve("other");
        assertThat(run("--output-dir", other.toString(), dataUri)).isZero();
        String otherId = simulator.taskIds().stream()
                .filter(t -> !t.equals(id))
                .findFirst()
                .orElseThrow();
        JsonNode videoFile = JSON.readTree(other.resolve("runway-upscale")
                        .resolve(otherId + ".json")
                        .toFile())
                .get("videoFile");
        assertThat(videoFile.get("sha256").asText()).isEqualTo(sha256(CLIP));
        assertThat(videoFile.get("name").isNull()).isTrue();
        assertThat(run("--reuse", "--output-dir", other.toString(), dataUri)).isZero();
        assertThat(simulator.postCount()).isEqualTo(2);
    }

    @Test
    void aVideoUrlIsNeverMatched() {
        String url = "https://cdn.example.com/final.mp4";
        assertThat(run("--output-dir", dir.toString(), url)).isZero();

        assertThat(run("--reuse", "--output-dir", dir.toString(), url)).isZero();

        assertThat(simulator.postCount()).isEqualTo(2);
        assertThat(stderr()).contains("a video given by URL is never matched");
    }

    @Test
    void garbledAndHostileReportsAreIgnored() throws Exception {
        assertThat(runWith()).isZero();
        String id = onlyTask();
        Path folder = dir.resolve("runway-upscale");
        JsonNode good = json(id);
        Files.writeString(folder.resolve("garbled.json"), "{\"taskId\": \"x\", \"status\": \"SUCC");
        Files.writeString(folder.resolve("array.json"), "[1, 2, 3]");
        Files.writeString(folder.resolve("deep.json"), "[".repeat(100_000));
        Files.write(folder.resolve("huge.json"), new byte[2 * 1024 * 1024]);
        // Matching in every field, but naming a task that is no file name of ours, or another file's task.
        ObjectNode escaping = good.deepCopy();
        escaping.put("taskId", "../../escape");
        Files.writeString(folder.resolve("escape.json"), escaping.toString());
        ObjectNode misnamed = good.deepCopy();
        misnamed.put("taskId", "other-task");
        Files.writeString(folder.resolve("misnamed.json"), misnamed.toString());
        ObjectNode shell = good.deepCopy();
        shell.putArray("outputs").add("https://cdn.example.com/$(reboot).mp4");
        shell.put("taskId", "shell");
        Files.writeString(folder.resolve("shell.json"), shell.toString());

        assertThat(runWith("--reuse")).isZero();

        assertThat(simulator.postCount()).isEqualTo(1);
        assertThat(stdout()).isEqualTo(outputUrl(id) + System.lineSeparator());
        assertThat(stderr()).contains("Reused task " + id + " from runway-upscale/" + id + ".json");
    }

    @Test
    void aReportThatIsALinkIsNotFollowed() throws Exception {
        assertThat(runWith()).isZero();
        String id = onlyTask();
        Path elsewhere = Files.move(report(id), dir.resolve(id + ".json"));
        Files.createSymbolicLink(report(id), elsewhere);

        assertThat(runWith("--reuse")).isZero();

        assertThat(simulator.postCount()).isEqualTo(2);
        assertThat(stderr()).contains("--reuse: no SUCCEEDED report in").contains("(0 read)");
    }

    @Test
    void reuseNeedsAnOutputDir() throws Exception {
        assertThat(run("--reuse", "--video-file", clip().toString())).isEqualTo(2);

        assertThat(stderr()).contains("--reuse").contains("needs --output-dir");
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void anExistingDownloadTargetThatIsNotTheEarlierDownloadIsRefusedBeforeAnyRequest() throws Exception {
        Path first = dir.resolve("first-4k.mp4");
        assertThat(runWith("--download-to", first.toString())).isZero();
        simulator.reset();
        Path taken = Files.writeString(dir.resolve("taken.mp4"), "someone else's");

        assertThat(runWith("--reuse", "--download-to", taken.toString())).isEqualTo(2);

        assertThat(stderr()).contains(taken + " already exists; give --overwrite");
        assertThat(simulator.requests()).isEmpty();
        assertThat(Files.readString(taken)).isEqualTo("someone else's");
    }
}
