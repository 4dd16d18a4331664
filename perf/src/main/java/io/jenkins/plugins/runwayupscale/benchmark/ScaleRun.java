package io.jenkins.plugins.runwayupscale.benchmark;

import io.jenkins.plugins.runwayupscale.client.ApiKey;
import io.jenkins.plugins.runwayupscale.client.RunwayClient;
import io.jenkins.plugins.runwayupscale.client.RunwayEngine;
import io.jenkins.plugins.runwayupscale.client.RunwaySettings;
import io.jenkins.plugins.runwayupscale.client.RunwayTask;
import io.jenkins.plugins.runwayupscale.client.WaitListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * N concurrent waits in real time against the simulator (in another process): threads of the JVM and of the engine,
 * heap retained per wait, POSTs the simulator saw, failures.
 */
final class ScaleRun {
    /**
     * What one run measured.
     *
     * @param n concurrent waits
     * @param peakJvmThreads peak live threads of this JVM
     * @param peakEngineThreads peak live threads of the engine
     * @param heapPerWait heap retained per in-flight wait, bytes
     * @param posts POSTs the simulator saw
     * @param failures waits that did not succeed
     * @param seconds wall time of the waits
     */
    record Result(
            int n,
            int peakJvmThreads,
            int peakEngineThreads,
            long heapPerWait,
            long posts,
            int failures,
            double seconds) {}

    private ScaleRun() {}

    static Result run(int n) throws Exception {
        // Tasks of 15 s pending and 150 s running in task time, 20x faster: about 8 s each.
        try (SimulatorProcess simulator = new SimulatorProcess(
                        "--time-scale",
                        "0.05",
                        "--pending",
                        "15",
                        "--running",
                        "150",
                        "--no-record",
                        "--threads",
                        "16");
                RunwayEngine engine = RunwayEngine.start()) {
            RunwayClient client = engine.client(
                    RunwaySettings.builder()
                            .baseUrl(simulator.baseUrl())
                            .waitTimeout(Duration.ofMinutes(10))
                            .build(),
                    ApiKey.of(SimulatorProcess.KEY));
            List<CompletableFuture<String>> submissions = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                submissions.add(client.submit("https://cdn.example.com/scale-" + i + ".mp4"));
            }
            List<String> ids = new ArrayList<>(n);
            int failures = 0;
            for (CompletableFuture<String> s : submissions) {
                try {
                    ids.add(s.get(5, TimeUnit.MINUTES));
                } catch (Exception e) {
                    failures++;
                }
            }
            long before = JvmProbe.heapAfterGc();
            JvmProbe.resetPeakThreads();
            long start = System.nanoTime();
            List<CompletableFuture<RunwayTask>> waits = new ArrayList<>(ids.size());
            try (JvmProbe.Sampler sampler = new JvmProbe.Sampler(200)) {
                for (String id : ids) {
                    waits.add(client.waitForTask(id, WaitListener.NONE));
                }
                // Measured before the first poll (5 s after start): what a waiting task costs while it waits.
                long inFlight = JvmProbe.heapAfterGc();
                for (CompletableFuture<RunwayTask> w : waits) {
                    try {
                        w.get(10, TimeUnit.MINUTES);
                    } catch (Exception e) {
                        failures++;
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long posts = simulator.stats().get("posts").asLong();
                return new Result(
                        n,
                        JvmProbe.peakThreads(),
                        sampler.maxEngineThreads(),
                        Math.max(0, (inFlight - before) / Math.max(1, ids.size())),
                        posts,
                        failures,
                        seconds);
            }
        }
    }
}
