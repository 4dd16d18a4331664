package io.jenkins.plugins.runwayupscale.benchmark;

import io.jenkins.plugins.runwayupscale.client.FixedPollingPolicy;
import io.jenkins.plugins.runwayupscale.client.ProgressAwarePollingPolicy;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * {@code ./benchmark}: compares polling policies in virtual time, runs 1,000 and 10,000 concurrent waits against the
 * simulator, streams a 1 GB output against curl, holds 20 inline submissions of 16 MB open at once; prints tables and,
 * last, a one-line summary for scripts.
 * Options: {@code --quick} (smaller scale and download, for a smoke run), {@code --policy-only}, {@code --inline-only}.
 */
public final class Benchmark {
    static final long SEED = 20261124L;
    static final int TASKS = 1000;
    static final int SEEDS = 5;

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
        if (List.of(args).contains("--inline-only")) {
            out.printf(Locale.ROOT, "inline_heap_mb=%.1f%n", inline(out).growthMb());
            return;
        }

        List<FamilyResult> families = policies(out);
        Path chart = Path.of("docs", "performance.svg");
        if (Files.isDirectory(chart.getParent())) {
            PolicyChart.write(families, chart);
            out.printf("Wrote %s%n%n", chart);
        }
        FamilyResult mixed = families.get(Family.MIXED.ordinal());
        String policySummary = String.format(
                Locale.ROOT,
                "polls_ratio=%.3f p95_delay_ratio=%.3f worst_family_p95_delay_ratio=%.3f "
                        + "worst_family_max_delay_ratio=%.3f worst_family_polls_ratio=%.3f families=%d",
                FamilyResult.max(mixed.pollsRatios()),
                FamilyResult.max(mixed.p95Ratios()),
                worst(families, FamilyResult::p95Ratios),
                worst(families, FamilyResult::maxRatios),
                worst(families, FamilyResult::pollsRatios),
                families.size());
        if (policyOnly) {
            out.println(policySummary);
            return;
        }
        List<ScaleRun.Result> scale = scale(out, quick ? new int[] {100, 1000} : new int[] {1000, 10_000});
        ScaleRun.Result limited = rateLimited(out, quick ? 1000 : 10_000, quick ? 50 : 200);
        DownloadRun.Result download = download(out, quick ? 100_000_000L : 1L << 30);
        InlineRun.Result inline = inline(out);
        StalledDownloadsRun.Result stalled = stalled(out);

        ScaleRun.Result largest = scale.get(scale.size() - 1);
        boolean postsOk = scale.stream().allMatch(r -> r.created() == r.n() && r.failures() == 0);
        double vsCurl = download.curlMbps() == 0 ? Double.NaN : download.oursMbps() / download.curlMbps();
        out.printf(
                Locale.ROOT,
                "%s engine_threads_10k=%d heap_per_wait_bytes=%d posts_ok=%b rate_limited_ok=%b download_vs_curl=%.3f"
                        + " download_heap_mb=%.1f inline_heap_mb=%.1f stalled_downloads_ok=%b%n",
                policySummary,
                Math.max(largest.peakEngineThreads(), limited.peakEngineThreads()),
                largest.heapPerWait(),
                postsOk,
                rateLimitedOk(limited),
                vsCurl,
                download.heapGrowthMb(),
                inline.growthMb(),
                stalled.ok());
    }

    private static double worst(List<FamilyResult> families, Function<FamilyResult, double[]> ratios) {
        return families.stream()
                .mapToDouble(f -> FamilyResult.max(ratios.apply(f)))
                .max()
                .orElse(Double.NaN);
    }

    private static List<FamilyResult> policies(PrintStream out) throws Exception {
        out.printf(
                Locale.ROOT,
                "1. Polling policy against the SDK loop (6 s ± 1.5 s), virtual time, %d tasks per family, seeds %d-%d%n",
                TASKS,
                SEED,
                SEED + SEEDS - 1);
        out.printf(
                Locale.ROOT,
                "%-28s %-19s %-19s %-19s %13s %13s%n",
                "family",
                "polls ratio",
                "p95 delay ratio",
                "max delay ratio",
                "polls/task",
                "p95 delay");
        out.printf(
                Locale.ROOT,
                "%-28s %-19s %-19s %-19s %13s %13s%n",
                "",
                "min/median/max",
                "min/median/max",
                "min/median/max",
                "ours / SDK",
                "ours / SDK");
        List<FamilyResult> results = new ArrayList<>();
        for (Family family : Family.values()) {
            PolicyComparison.Result[] ours = new PolicyComparison.Result[SEEDS];
            PolicyComparison.Result[] sdk = new PolicyComparison.Result[SEEDS];
            for (int i = 0; i < SEEDS; i++) {
                long seed = SEED + i;
                PolicyComparison comparison = new PolicyComparison(family.generate(seed, TASKS));
                ours[i] = comparison.run(ProgressAwarePollingPolicy::new);
                sdk[i] = comparison.run(() -> FixedPollingPolicy.sdkBaseline(new SplittableRandom(seed)));
            }
            FamilyResult r = new FamilyResult(family, ours, sdk);
            results.add(r);
            double[] m = r.medians();
            out.printf(
                    Locale.ROOT,
                    "%-28s %-19s %-19s %-19s %6.2f/%6.2f %5.2fs/%5.2fs%s%n",
                    family.label(),
                    spread(r.pollsRatios()),
                    spread(r.p95Ratios()),
                    spread(r.maxRatios()),
                    m[0],
                    m[2],
                    m[1],
                    m[3],
                    r.failures() == 0 ? "" : "  failures: " + r.failures());
        }
        out.println();
        return results;
    }

    private static String spread(double[] values) {
        return String.format(
                Locale.ROOT,
                "%.3f/%.3f/%.3f",
                FamilyResult.min(values),
                FamilyResult.median(values),
                FamilyResult.max(values));
    }

    private static List<ScaleRun.Result> scale(PrintStream out, int[] sizes) throws Exception {
        out.println("2. Scale, real time against the simulator (another process), tasks of 8.25 s");
        out.printf(
                Locale.ROOT,
                "%8s %12s %14s %14s %8s %9s %8s %22s%n",
                "waits",
                "JVM threads",
                "engine threads",
                "heap/wait (B)",
                "tasks",
                "failures",
                "seconds",
                "delay mean/p95/max (s)");
        List<ScaleRun.Result> results = new ArrayList<>();
        for (int n : sizes) {
            ScaleRun.Result r = ScaleRun.run(n, 0);
            results.add(r);
            out.printf(
                    Locale.ROOT,
                    "%8d %12d %14d %14d %8d %9d %8.1f %22s%n",
                    r.n(),
                    r.peakJvmThreads(),
                    r.peakEngineThreads(),
                    r.heapPerWait(),
                    r.created(),
                    r.failures(),
                    r.seconds(),
                    delays(r.delays()));
        }
        out.println();
        return results;
    }

    private static ScaleRun.Result rateLimited(PrintStream out, int n, int limit) throws Exception {
        ScaleRun.Result r = ScaleRun.run(n, limit);
        ScaleRun.RateSeen rate = r.rate();
        out.printf(
                Locale.ROOT,
                "3. %d waits, each started as its submission is answered, the simulator limiting the key to %d"
                        + " requests/s (the engine's own ceiling %d/s)%n",
                n,
                limit,
                limit * 5);
        out.printf(
                Locale.ROOT,
                "tasks %d, failures %d, %.1f s, engine threads %d; adapted after %d s, then %.1f requests/s on average,"
                        + " p95 %.0f/s, %.2f%% answered 429 (%d 429s in all); detection delay mean/p95/max %s s%n%n",
                r.created(),
                r.failures(),
                r.seconds(),
                r.peakEngineThreads(),
                rate.adaptedAfter(),
                rate.mean(),
                rate.p95(),
                rate.refusedShare() * 100,
                rate.refused(),
                delays(r.delays()));
        return r;
    }

    /** Within the limit once it has bitten, nothing lost, nothing submitted twice. */
    static boolean rateLimitedOk(ScaleRun.Result r) {
        ScaleRun.RateSeen rate = r.rate();
        return r.failures() == 0
                && r.created() == r.n()
                && rate.mean() <= r.rateLimit()
                && rate.p95() <= r.rateLimit() * 1.1
                && rate.refusedShare() <= 0.05;
    }

    private static String delays(Stats s) {
        return String.format(Locale.ROOT, "%.1f/%.1f/%.1f", s.mean(), s.p95(), s.max());
    }

    private static InlineRun.Result inline(PrintStream out) throws Exception {
        InlineRun.Result r = InlineRun.run(20, 16L * 1024 * 1024);
        out.printf(
                Locale.ROOT,
                "5. %d inline submissions of a %d MB video at once, held open by the simulator%n",
                r.n(),
                r.videoBytes() / (1024 * 1024));
        out.printf(
                Locale.ROOT,
                "all held at once %b, tasks %d, failures %d; heap growth with all held %.1f MB (after GC), peak %.1f MB%n%n",
                r.allHeldAtOnce(),
                r.created(),
                r.failures(),
                r.heldGrowthMb(),
                r.peakGrowthMb());
        return r;
    }

    private static DownloadRun.Result download(PrintStream out, long bytes) throws Exception {
        DownloadRun.Result r = DownloadRun.run(bytes, 2);
        out.printf(Locale.ROOT, "4. Download of %d MB from the simulator (best of 2)%n", bytes / 1_000_000);
        out.printf(
                Locale.ROOT,
                "ours %.0f MB/s, curl %.0f MB/s, ours/curl %.3f, heap growth %.1f MB%n%n",
                r.oursMbps(),
                r.curlMbps(),
                r.curlMbps() == 0 ? Double.NaN : r.oursMbps() / r.curlMbps(),
                r.heapGrowthMb());
        return r;
    }

    private static StalledDownloadsRun.Result stalled(PrintStream out) throws Exception {
        StalledDownloadsRun.Result r = StalledDownloadsRun.run();
        out.printf(
                Locale.ROOT,
                "5. %d downloads from a host that stalls after its headers (idle timeout %ds), beside one upscale"
                        + " with a download on the same engine%n",
                StalledDownloadsRun.STALLED,
                StalledDownloadsRun.IDLE.toSeconds());
        out.printf(
                Locale.ROOT,
                "upscale+download alone %.2f s, beside the stalled ones %.2f s; stalled ended clearly %d/%d, the last"
                        + " after %.2f s; part files left %d%n%n",
                r.aloneSeconds(),
                r.besideSeconds(),
                r.stalledClear(),
                StalledDownloadsRun.STALLED,
                r.stalledSeconds(),
                r.partFiles());
        return r;
    }
}
