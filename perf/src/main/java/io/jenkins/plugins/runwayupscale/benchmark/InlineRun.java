package io.jenkins.plugins.runwayupscale.benchmark;

import io.jenkins.plugins.runwayupscale.client.ApiKey;
import io.jenkins.plugins.runwayupscale.client.DataUriLimit;
import io.jenkins.plugins.runwayupscale.client.EngineConfig;
import io.jenkins.plugins.runwayupscale.client.InlineVideoFile;
import io.jenkins.plugins.runwayupscale.client.RunwayClient;
import io.jenkins.plugins.runwayupscale.client.RunwayEngine;
import io.jenkins.plugins.runwayupscale.client.RunwaySettings;
import io.jenkins.plugins.runwayupscale.simulator.SampleVideo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * N inline submissions of one video file at once, all held open by the simulator (another process) until every one
 * has arrived: how much this JVM's heap grows while they are sent and held, against the heap after GC before.
 */
final class InlineRun {
    /** Longer than sending every body takes on a slow machine, so that all of them are open at the same time. */
    private static final int HOLD_SECONDS = 30;

    /**
     * What was measured.
     *
     * @param n submissions
     * @param videoBytes size of the video each one sends
     * @param allHeldAtOnce whether the simulator had every body while no answer had come yet
     * @param created tasks the simulator created
     * @param failures submissions that failed
     * @param heldGrowthMb heap growth after GC with all of them held open, MB
     * @param peakGrowthMb peak heap growth (sampled) while they were sent and held, MB
     */
    record Result(
            int n,
            long videoBytes,
            boolean allHeldAtOnce,
            long created,
            int failures,
            double heldGrowthMb,
            double peakGrowthMb) {
        double growthMb() {
            return Math.max(heldGrowthMb, peakGrowthMb);
        }
    }

    private InlineRun() {}

    static Result run(int n, long videoBytes) throws Exception {
        Path video = Files.createTempFile("runway-inline", ".mp4");
        try (SimulatorProcess simulator = new SimulatorProcess(
                        List.of("-Xmx4g"),
                        "--time-scale",
                        "0.01",
                        "--pending",
                        "0",
                        "--running",
                        "1",
                        "--slow-submit",
                        Integer.toString(HOLD_SECONDS),
                        "--threads",
                        Integer.toString(n),
                        "--no-record");
                // All N at once, beyond the engine's default of 4: what is measured is the streaming, not the queue.
                RunwayEngine engine = RunwayEngine.builder()
                        .config(EngineConfig.builder()
                                .maxInlineSubmissions(n)
                                .maxRequestsPerSecond(1000)
                                .build())
                        .build()) {
            SampleVideo.write(video, videoBytes);
            RunwayClient client = engine.client(
                    RunwaySettings.builder().baseUrl(simulator.baseUrl()).build(), ApiKey.of(SimulatorProcess.KEY));
            InlineVideoFile file = InlineVideoFile.inspect(video, "benchmark.mp4", DataUriLimit.of("upscale_v1", null));
            long before = JvmProbe.heapAfterGc();
            List<CompletableFuture<String>> submitted = new ArrayList<>();
            long held;
            boolean allHeld;
            JvmProbe.Sampler sampler = new JvmProbe.Sampler(10);
            try {
                Instant deadline = Instant.now().plusSeconds(HOLD_SECONDS * 4L);
                for (int i = 0; i < n; i++) {
                    submitted.add(client.submit(file, deadline));
                }
                while (simulator.stats().get("posts").asLong() < n
                        && submitted.stream().noneMatch(CompletableFuture::isDone)) {
                    // A benchmark watching another process: it looks again a few times a second.
                    Thread.sleep(100);
                }
                allHeld = simulator.stats().get("posts").asLong() == n
                        && submitted.stream().noneMatch(CompletableFuture::isDone);
                held = JvmProbe.heapAfterGc();
                CompletableFuture.allOf(submitted.toArray(new CompletableFuture<?>[0]))
                        .handle((v, e) -> null)
                        .join();
            } finally {
                sampler.close();
            }
            int failures = (int) submitted.stream()
                    .filter(CompletableFuture::isCompletedExceptionally)
                    .count();
            return new Result(
                    n,
                    videoBytes,
                    allHeld,
                    simulator.stats().get("tasks").asLong(),
                    failures,
                    (held - before) / 1e6,
                    (sampler.maxHeap() - before) / 1e6);
        } finally {
            Files.deleteIfExists(video);
        }
    }
}
