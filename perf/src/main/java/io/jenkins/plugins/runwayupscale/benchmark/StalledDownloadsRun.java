package io.jenkins.plugins.runwayupscale.benchmark;

import io.jenkins.plugins.runwayupscale.client.ApiKey;
import io.jenkins.plugins.runwayupscale.client.DownloadLimits;
import io.jenkins.plugins.runwayupscale.client.DownloadResult;
import io.jenkins.plugins.runwayupscale.client.FixedPollingPolicy;
import io.jenkins.plugins.runwayupscale.client.RunwayClient;
import io.jenkins.plugins.runwayupscale.client.RunwayEngine;
import io.jenkins.plugins.runwayupscale.client.RunwaySettings;
import io.jenkins.plugins.runwayupscale.client.RunwayTask;
import io.jenkins.plugins.runwayupscale.client.TransportException;
import io.jenkins.plugins.runwayupscale.client.WaitListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * Eight downloads from a host that sends its headers and then stalls, beside one ordinary upscale with a download
 * against the simulator, all on one engine: the ordinary one must take its usual time, and the eight must end at
 * the idle timeout saying so, leaving no part file.
 */
final class StalledDownloadsRun {
    static final int STALLED = 8;
    static final Duration IDLE = Duration.ofSeconds(2);
    private static final long OUTPUT_BYTES = 20_000_000;

    /**
     * What was measured.
     *
     * @param aloneSeconds the ordinary upscale and download on an idle engine
     * @param besideSeconds the same beside the stalled downloads
     * @param stalledSeconds the slowest of the stalled downloads to end
     * @param stalledClear how many stalled downloads ended with a TransportException saying they stalled
     * @param partFiles part files left behind
     */
    record Result(double aloneSeconds, double besideSeconds, double stalledSeconds, int stalledClear, long partFiles) {
        /**
         * The ordinary one within 1.5 times its usual time (plus half a second of noise) and over before the stalled
         * ones give up; those end at the idle timeout (within two seconds of it), saying so, leaving no part file.
         */
        boolean ok() {
            return besideSeconds <= Math.max(1.5 * aloneSeconds, aloneSeconds + 0.5)
                    && besideSeconds < IDLE.toMillis() / 1000.0
                    && stalledClear == STALLED
                    && stalledSeconds >= IDLE.toMillis() / 1000.0
                    && stalledSeconds < IDLE.toMillis() / 1000.0 + 2
                    && partFiles == 0;
        }
    }

    private StalledDownloadsRun() {}

    static Result run() throws Exception {
        Path dir = Files.createTempDirectory("runway-stalled");
        try (SimulatorProcess simulator = SimulatorProcess.withOutputs(OUTPUT_BYTES);
                StallingHost stalling = new StallingHost();
                // Reads every 100 ms, so the ordinary upscale ends well inside the stall and shares the engine with it.
                RunwayEngine engine = RunwayEngine.builder()
                        .pollingPolicy(
                                new FixedPollingPolicy(Duration.ofMillis(100), Duration.ZERO, new SplittableRandom(1)))
                        .build()) {
            RunwayClient ordinary = engine.client(
                    RunwaySettings.builder().baseUrl(simulator.baseUrl()).build(), ApiKey.of(SimulatorProcess.KEY));
            RunwayClient stalled = engine.client(
                    RunwaySettings.builder().baseUrl(stalling.baseUrl()).build(), ApiKey.of(SimulatorProcess.KEY));
            upscale(ordinary, dir.resolve("warm-up.mp4"));
            double alone = upscale(ordinary, dir.resolve("alone.mp4"));

            long start = System.nanoTime();
            List<CompletableFuture<Double>> stuck = new ArrayList<>();
            for (int i = 0; i < STALLED; i++) {
                stuck.add(stalled.download(
                                stalling.baseUrl() + "/out/" + i + ".mp4",
                                dir.resolve("stalled-" + i + ".mp4"),
                                true,
                                DownloadLimits.defaults(stalling.baseUrl()).withIdleTimeout(IDLE))
                        .handle((r, e) -> clearStall(e) ? (System.nanoTime() - start) / 1e9 : Double.NaN));
            }
            double beside = upscale(ordinary, dir.resolve("beside.mp4"));
            double slowest = 0;
            int clear = 0;
            for (CompletableFuture<Double> f : stuck) {
                double seconds = f.join();
                if (!Double.isNaN(seconds)) {
                    clear++;
                    slowest = Math.max(slowest, seconds);
                }
            }
            return new Result(alone, beside, slowest, clear, partFiles(dir));
        } finally {
            DownloadRun.deleteWithFiles(dir);
        }
    }

    /** Submits, waits and downloads; returns the seconds it took. */
    private static double upscale(RunwayClient client, Path target) throws Exception {
        long start = System.nanoTime();
        String id = client.submit("https://cdn.example.com/ordinary.mp4").join();
        RunwayTask task = client.waitForTask(id, WaitListener.NONE).join();
        DownloadResult saved = client.download(task.outputs().get(0), target).join();
        if (saved.bytes() != OUTPUT_BYTES) {
            throw new IllegalStateException("downloaded " + saved.bytes() + " bytes");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static boolean clearStall(Throwable error) {
        Throwable cause = error instanceof CompletionException ? error.getCause() : error;
        return cause instanceof TransportException
                && cause.getMessage().startsWith("Downloading the output stalled: nothing arrived for 2s");
    }

    private static long partFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part"))
                    .count();
        }
    }
}
