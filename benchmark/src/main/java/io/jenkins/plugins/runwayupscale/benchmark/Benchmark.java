package io.jenkins.plugins.runwayupscale.benchmark;

import io.jenkins.plugins.runwayupscale.client.FixedPollingPolicy;
import io.jenkins.plugins.runwayupscale.client.ProgressAwarePollingPolicy;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** {@code ./benchmark}: compares polling policies, then (with the simulator) scale and download; prints a table. */
public final class Benchmark {
    static final long SEED = 20261124L;
    static final int TASKS = 1000;

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        List<TaskPlan> plans = Workload.generate(SEED, TASKS);
        PolicyComparison comparison = new PolicyComparison(plans);
        PolicyComparison.Result ours = comparison.run("progress-aware (ours)", ProgressAwarePollingPolicy::new);
        PolicyComparison.Result fixed = comparison.run("fixed 6s ± 1.5s (SDKs)",
                () -> FixedPollingPolicy.sdkBaseline(new SplittableRandom(SEED)));
        PolicyComparison.Result waitUntil = comparison.run("waitUntil 0.25s x1.2 ≤ 15s", WaitUntilStylePolicy::new);

        out.printf(Locale.ROOT, "Policy comparison, virtual time, %d tasks, seed %d%n", TASKS, SEED);
        out.printf(Locale.ROOT, "%-28s %10s %8s %10s %10s %10s %9s%n", "policy", "polls/task", "running", "delay mean",
                "delay p95", "delay max", "failures");
        for (PolicyComparison.Result r : List.of(ours, fixed, waitUntil)) {
            out.printf(Locale.ROOT, "%-28s %10.2f %8.2f %9.2fs %9.2fs %9.2fs %9d%n", r.name(), r.polls().mean(),
                    r.runningPolls().mean(), r.delays().mean(),
                    r.delays().p95(), r.delays().max(), r.failures());
            r.byStyle().forEach((style, s) -> out.printf(Locale.ROOT, "  %-26s %10.2f %8.2f %9.2fs %9.2fs %9.2fs%n",
                    style.name().toLowerCase(Locale.ROOT), s[0].mean(), s[2].mean(), s[1].mean(), s[1].p95(), s[1].max()));
        }
        double pollsRatio = ours.polls().mean() / fixed.polls().mean();
        double p95Ratio = ours.delays().p95() / fixed.delays().p95();
        out.printf(Locale.ROOT, "ours / fixed: polls %.3f, p95 delay %.3f%n", pollsRatio, p95Ratio);
        out.print("other seeds (polls, p95 delay):");
        for (long seed = SEED + 1; seed <= SEED + 4; seed++) {
            PolicyComparison other = new PolicyComparison(Workload.generate(seed, TASKS));
            PolicyComparison.Result o = other.run("ours", ProgressAwarePollingPolicy::new);
            long s = seed;
            PolicyComparison.Result f = other.run("fixed", () -> FixedPollingPolicy.sdkBaseline(new SplittableRandom(s)));
            out.printf(Locale.ROOT, " %.3f/%.3f", o.polls().mean() / f.polls().mean(), o.delays().p95() / f.delays().p95());
        }
        out.println();
    }
}
