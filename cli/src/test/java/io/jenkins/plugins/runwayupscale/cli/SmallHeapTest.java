package io.jenkins.plugins.runwayupscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.runwayupscale.simulator.RunwaySimulator;
import io.jenkins.plugins.runwayupscale.simulator.SampleVideo;
import io.jenkins.plugins.runwayupscale.simulator.TaskScenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line in a JVM of its own with a 64 MB heap sends a 16 MB video inline: the video goes from the file
 * into the request as it is sent. Holding it as a data URI and a JSON string (about 7 times its size) would not fit.
 */
class SmallHeapTest {
    private static final String KEY = "sk-heap-test-SECRET-1a2b3c";
    private static final long VIDEO_BYTES = 16L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void sendsASixteenMegabyteVideoInlineWithSixtyFourMegabytesOfHeap() throws Exception {
        Path video = SampleVideo.write(dir.resolve("big.mp4"), VIDEO_BYTES);
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        try (RunwaySimulator simulator = RunwaySimulator.builder()
                .apiKey(KEY)
                .timeScale(0.002)
                .defaultScenario(
                        TaskScenario.standard().withTimes(Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(60)))
                .build()
                .start()) {
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder command = new ProcessBuilder(List.of(
                    java,
                    "-Xmx64m",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "--base-url",
                    simulator.baseUrl(),
                    "--video-file",
                    video.toString(),
                    "--output-dir",
                    dir.toString(),
                    "--timeout",
                    "3m"));
            command.environment().put(UpscaleCommand.KEY_VARIABLE, KEY);
            command.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = command.start();
            // A bound against a hung child, not a measurement: the run itself takes seconds.
            assertThat(process.waitFor(4, TimeUnit.MINUTES)).isTrue();

            assertThat(process.exitValue()).as(Files.readString(err)).isZero();
            assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains(simulator.baseUrl() + "/outputs/");
            long uriLength = "data:video/mp4;base64,".length() + (VIDEO_BYTES + 2) / 3 * 4;
            assertThat(simulator.requests().get(0).videoUri())
                    .startsWith("data:video/mp4;base64,")
                    .endsWith("(" + uriLength + " characters)");
            String id = simulator.taskIds().iterator().next();
            assertThat(Files.readString(dir.resolve("runway-upscale").resolve(id + ".json")))
                    .contains("\"videoUri\" : \"data:video/mp4;base64,... (" + VIDEO_BYTES + " bytes)\"");
        }
    }
}
