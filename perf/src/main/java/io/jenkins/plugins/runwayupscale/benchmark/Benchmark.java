package io.jenkins.plugins.runwayupscale.benchmark;

import io.jenkins.plugins.runwayupscale.client.FixedPollingPolicy;
import io.jenkins.plugins.runwayupscale.client.ProgressAwarePollingPolicy;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code ./benchmark}: compares polling policies in virtual time, runs 1,000 and 10,000 concurrent waits against the
 * simulator, streams a 1 GB output against curl; prints tables and, last, a one-line summary for scripts.
 * Options: {@code --quick} (smaller scale and download, for a smoke run), {@code --policy-only}.
 */
public final class Benchmark {
    static final long SEED = 20261124L;
    static final int TASKS = 1000;

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        boolean policyOnly = List.of(args).contains("--policy-only");
        PrintStream out = System.out;
        out.printf(
                Locale.ROOT,
                "Java %s, %d cores, max heap %d MB%n%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1_000_000);

        double[] ratios = policies(out);
        if (policyOnly) {
            out.printf(Locale.ROOT, "polls_ratio=%.3f p95_delay_ratio=%.3f%n", ratios[0], ratios[1]);
            return;
        }
        List<ScaleRun.Result> scale = scale(out, quick ? new int[] {100, 1000} : new int[] {1000, 10_000});
        DownloadRun.Result download = download(out, quick ? 100_000_000L : 1L << 30);

        ScaleRun.Result largest = scale.get(scale.size() - 1);
        boolean postsOk = scale.stream().allMatch(r -> r.posts() == r.n() && r.failures() == 0);
        double vsCurl = download.curlMbps() == 0 ? Double.NaN : download.oursMbps() / download.curlMbps();
        out.printf(
                Locale.ROOT,
                "polls_ratio=%.3f p95_delay_ratio=%.3f engine_threads_10k=%d heap_per_wait_bytes=%d "
                        + "posts_ok=%b download_vs_curl=%.3f download_heap_mb=%.1f%n",
                ratios[0],
                ratios[1],
                largest.peakEngineThreads(),
                largest.heapPerWait(),
                postsOk,
                vsCurl,
                download.heapGrowthMb());
    }

    private static double[] policies(PrintStream out) throws Exception {
        List<TaskPlan> plans = Workload.generate(SEED, TASKS);
        PolicyComparison comparison = new PolicyComparison(plans);
        PolicyComparison.Result ours = comparison.run("progress-aware (ours)", ProgressAwarePollingPolicy::new);
        PolicyComparison.Result fixed = comparison.run(
                "fixed 6s ± 1.5s (SDKs)", () -> FixedPollingPolicy.sdkBaseline(new SplittableRandom(SEED)));
        PolicyComparison.Result waitUntil = comparison.run("waitUntil 0.25s x1.2 ≤ 15s", WaitUntilStylePolicy::new);

        out.printf(Locale.ROOT, "1. Policy comparison, virtual time, %d tasks, seed %d%n", TASKS, SEED);
        out.printf(
                Locale.ROOT,
                "%-28s %10s %8s %10s %10s %10s %9s%n",
                "policy",
                "polls/task",
                "running",
                "delay mean",
                "delay p95",
                "delay max",
                "failures");
        for (PolicyComparison.Result r : List.of(ours, fixed, waitUntil)) {
            out.printf(
                    Locale.ROOT,
                    "%-28s %10.2f %8.2f %9.2fs %9.2fs %9.2fs %9d%n",
                    r.name(),
                    r.polls().mean(),
                    r.runningPolls().mean(),
                    r.delays().mean(),
                    r.delays().p95(),
                    r.delays().max(),
                    r.failures());
            r.byStyle()
                    .forEach((style, s) -> out.printf(
                            Locale.ROOT,
                            "  %-26s %10.2f %8.2f %9.2fs %9.2fs %9.2fs%n",
                            style.name().toLowerCase(Locale.ROOT),
                            s[0].mean(),
                            s[2].mean(),
                            s[1].mean(),
                            s[1].p95(),
                            s[1].max()));
        }
        double pollsRatio = ours.polls().mean() / fixed.polls().mean();
        double p95Ratio = ours.delays().p95() / fixed.delays().p95();
        out.printf(Locale.ROOT, "ours / fixed: polls %.3f, p95 delay %.3f%n", pollsRatio, p95Ratio);
        out.print("other seeds (polls, p95 delay):");
        for (long seed = SEED + 1; seed <= SEED + 4; seed++) {
            PolicyComparison other = new PolicyComparison(Workload.generate(seed, TASKS));
            PolicyComparison.Result o = other.run("ours", ProgressAwarePollingPolicy::new);
            long s = seed;
            PolicyComparison.Result f =
                    other.run("fixed", () -> FixedPollingPolicy.sdkBaseline(new SplittableRandom(s)));
            out.printf(
                    Locale.ROOT,
                    " %.3f/%.3f",
                    o.polls().mean() / f.polls().mean(),
                    o.delays().p95() / f.delays().p95());
        }
        out.printf("%n%n");
        return new double[] {pollsRatio, p95Ratio};
    }

    private static List<ScaleRun.Result> scale(PrintStream out, int[] sizes) throws Exception {
        out.println("2. Scale, real time against the simulator (another process), tasks of about 8 s");
        out.printf(
                Locale.ROOT,
                "%8s %12s %14s %14s %8s %9s %8s%n",
                "waits",
                "JVM threads",
                "engine threads",
                "heap/wait (B)",
                "POSTs",
                "failures",
                "seconds");
        List<ScaleRun.Result> results = new ArrayList<>();
        for (int n : sizes) {
            ScaleRun.Result r = ScaleRun.run(n);
            results.add(r);
            out.printf(
                    Locale.ROOT,
                    "%8d %12d %14d %14d %8d %9d %8.1f%n",
                    r.n(),
                    r.peakJvmThreads(),
                    r.peakEngineThreads(),
                    r.heapPerWait(),
                    r.posts(),
                    r.failures(),
                    r.seconds());
        }
        out.println();
        return results;
    }

    private static DownloadRun.Result download(PrintStream out, long bytes) throws Exception {
        DownloadRun.Result r = DownloadRun.run(bytes, 2);
        out.printf(Locale.ROOT, "3. Download of %d MB from the simulator (best of 2)%n", bytes / 1_000_000);
        out.printf(
                Locale.ROOT,
                "ours %.0f MB/s, curl %.0f MB/s, ours/curl %.3f, heap growth %.1f MB%n%n",
                r.oursMbps(),
                r.curlMbps(),
                r.curlMbps() == 0 ? Double.NaN : r.oursMbps() / r.curlMbps(),
                r.heapGrowthMb());
        return r;
    }
}
