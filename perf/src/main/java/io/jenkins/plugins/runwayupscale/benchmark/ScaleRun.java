package io.jenkins.plugins.runwayupscale.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.runwayupscale.client.ApiKey;
import io.jenkins.plugins.runwayupscale.client.EngineConfig;
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
 * N concurrent waits in real time against the simulator (in another process), optionally rate-limited per key:
 * threads of the JVM and of the engine, heap retained per wait, tasks created, failures, how long after its end
 * each task was seen ended, and the request rate the simulator saw.
 */
final class ScaleRun {
    /** Tasks of 15 s pending and 150 s running in task time, 20x faster: 8.25 s each. */
    private static final double TASK_SECONDS = (15 + 150) * 0.05;

    /**
     * What one run measured.
     *
     * @param n concurrent waits
     * @param rateLimit the simulator's limit per key and second, 0 for none
     * @param peakJvmThreads peak live threads of this JVM
     * @param peakEngineThreads peak live threads of the engine
     * @param heapPerWait heap retained per in-flight wait, bytes
     * @param created tasks the simulator created (one per POST that got through)
     * @param failures waits or submissions that did not succeed
     * @param seconds wall time of the waits
     * @param delays how long after its end each task was seen ended, seconds
     * @param rate the request rate the simulator saw once the engine had adapted, or null without a limit
     */
    record Result(
            int n,
            int rateLimit,
            int peakJvmThreads,
            int peakEngineThreads,
            long heapPerWait,
            long created,
            int failures,
            double seconds,
            Stats delays,
            RateSeen rate) {}

    /**
     * Requests per second the simulator saw once the engine had adapted: from the first second without a 429 after
     * the first 429s on.
     *
     * @param adaptedAfter seconds from the start until then
     * @param mean mean requests per second (admitted or not)
     * @param p95 95th percentile of requests per second
     * @param refusedShare share of those requests answered 429
     * @param refused 429s in all, the first ones included
     */
    record RateSeen(int adaptedAfter, double mean, double p95, double refusedShare, long refused) {
        static RateSeen of(JsonNode stats) {
            JsonNode perSecond = stats.get("requestsPerSecond");
            JsonNode refusedPerSecond = stats.get("refusedPerSecond");
            int first = 0;
            while (first < refusedPerSecond.size()
                    && refusedPerSecond.get(first).asLong() == 0) {
                first++;
            }
            while (first < refusedPerSecond.size()
                    && refusedPerSecond.get(first).asLong() > 0) {
                first++;
            }
            List<Double> counts = new ArrayList<>();
            long requests = 0;
            long refused = 0;
            for (int i = first; i < perSecond.size(); i++) {
                counts.add(perSecond.get(i).asDouble());
                requests += perSecond.get(i).asLong();
                refused += refusedPerSecond.get(i).asLong();
            }
            Stats s = Stats.of(counts.stream().mapToDouble(d -> d).toArray());
            return new RateSeen(
                    first,
                    s.mean(),
                    s.p95(),
                    requests == 0 ? 0 : (double) refused / requests,
                    stats.get("rateLimited").asLong());
        }
    }

    private ScaleRun() {}

    static Result run(int n, int rateLimit) throws Exception {
        List<String> options = new ArrayList<>(List.of(
                "--time-scale", "0.05", "--pending", "15", "--running", "150", "--no-record", "--threads", "16"));
        if (rateLimit > 0) {
            options.addAll(List.of("--rate-limit", Integer.toString(rateLimit)));
        }
        // Without a limit, the engine's own ceiling is lifted out of the way; with one, it sits well above the
        // simulator's, so that only the 429s can slow the engine down.
        double ceiling = rateLimit > 0 ? rateLimit * 5.0 : 10_000;
        try (SimulatorProcess simulator = new SimulatorProcess(options.toArray(new String[0]));
                RunwayEngine engine = RunwayEngine.builder()
                        .config(EngineConfig.builder()
                                .maxRequestsPerSecond(ceiling)
                                .build())
                        .build()) {
            RunwayClient client = engine.client(
                    RunwaySettings.builder()
                            .baseUrl(simulator.baseUrl())
                            .waitTimeout(Duration.ofMinutes(30))
                            .build(),
                    ApiKey.of(SimulatorProcess.KEY));
            return rateLimit > 0 ? pipelined(n, rateLimit, client, simulator) : allAtOnce(n, client, simulator);
        }
    }

    /** Submits all, then starts all waits at once: threads and heap per wait while every wait is in flight. */
    private static Result allAtOnce(int n, RunwayClient client, SimulatorProcess simulator) throws Exception {
        long[] createdAt = new long[n];
        List<CompletableFuture<String>> submissions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            submissions.add(client.submit("https://cdn.example.com/scale-" + i + ".mp4")
                    .whenComplete((id, e) -> createdAt[index] = System.nanoTime()));
        }
        List<String> ids = new ArrayList<>(n);
        List<Integer> indexes = new ArrayList<>(n);
        int failures = 0;
        for (int i = 0; i < n; i++) {
            try {
                ids.add(submissions.get(i).get(10, TimeUnit.MINUTES));
                indexes.add(i);
            } catch (Exception e) {
                failures++;
            }
        }
        long before = JvmProbe.heapAfterGc();
        JvmProbe.resetPeakThreads();
        long start = System.nanoTime();
        long[] seenAt = new long[n];
        List<CompletableFuture<RunwayTask>> waits = new ArrayList<>(ids.size());
        try (JvmProbe.Sampler sampler = new JvmProbe.Sampler(200)) {
            for (int k = 0; k < ids.size(); k++) {
                int index = indexes.get(k);
                waits.add(client.waitForTask(ids.get(k), WaitListener.NONE)
                        .whenComplete((t, e) -> seenAt[index] = System.nanoTime()));
            }
            // Measured before the first poll (about 6 s after start): what a waiting task costs while it waits.
            long inFlight = JvmProbe.heapAfterGc();
            failures += join(waits);
            double seconds = (System.nanoTime() - start) / 1e9;
            JsonNode stats = simulator.stats();
            return new Result(
                    n,
                    0,
                    JvmProbe.peakThreads(),
                    sampler.maxEngineThreads(),
                    Math.max(0, (inFlight - before) / Math.max(1, ids.size())),
                    stats.get("tasks").asLong(),
                    failures,
                    seconds,
                    delays(indexes, createdAt, seenAt),
                    null);
        }
    }

    /** Each wait starts as its submission is answered, as a build's would: the delays a rate limit costs. */
    private static Result pipelined(int n, int rateLimit, RunwayClient client, SimulatorProcess simulator)
            throws Exception {
        long[] createdAt = new long[n];
        long[] seenAt = new long[n];
        List<Integer> indexes = new ArrayList<>(n);
        List<CompletableFuture<RunwayTask>> waits = new ArrayList<>(n);
        JvmProbe.resetPeakThreads();
        long start = System.nanoTime();
        try (JvmProbe.Sampler sampler = new JvmProbe.Sampler(200)) {
            for (int i = 0; i < n; i++) {
                int index = i;
                indexes.add(i);
                waits.add(client.submit("https://cdn.example.com/scale-" + i + ".mp4")
                        .thenCompose(id -> {
                            createdAt[index] = System.nanoTime();
                            try {
                                return client.waitForTask(id, WaitListener.NONE);
                            } catch (Exception e) {
                                return CompletableFuture.failedFuture(e);
                            }
                        })
                        .whenComplete((t, e) -> seenAt[index] = System.nanoTime()));
            }
            int failures = join(waits);
            double seconds = (System.nanoTime() - start) / 1e9;
            JsonNode stats = simulator.stats();
            return new Result(
                    n,
                    rateLimit,
                    JvmProbe.peakThreads(),
                    sampler.maxEngineThreads(),
                    0,
                    stats.get("tasks").asLong(),
                    failures,
                    seconds,
                    delays(indexes, createdAt, seenAt),
                    RateSeen.of(stats));
        }
    }

    private static int join(List<CompletableFuture<RunwayTask>> waits) {
        int failures = 0;
        for (CompletableFuture<RunwayTask> w : waits) {
            try {
                w.get(30, TimeUnit.MINUTES);
            } catch (Exception e) {
                failures++;
            }
        }
        return failures;
    }

    private static Stats delays(List<Integer> indexes, long[] createdAt, long[] seenAt) {
        return Stats.of(indexes.stream()
                .filter(i -> createdAt[i] != 0)
                .mapToDouble(i -> Math.max(0, (seenAt[i] - createdAt[i]) / 1e9 - TASK_SECONDS))
                .toArray());
    }
}
