package io.jenkins.plugins.runwayupscale.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The mixed workload of the policy comparison: PENDING 0-20 s; 10% THROTTLED for 30-300 s; RUNNING log-normal with
 * a median of 90 s, between 20 and 600 s; progress smooth (noisy), stepwise (25% jumps) or absent, a third each.
 * Submissions arrive a few seconds apart, so a policy can learn from tasks that finished before.
 */
final class Workload {
    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final double MEDIAN_RUN_SECONDS = 90;
    private static final double SIGMA = 0.6;

    private Workload() {}

    static List<TaskPlan> generate(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<TaskPlan> plans = new ArrayList<>(count);
        Instant at = EPOCH;
        ProgressStyle[] styles = ProgressStyle.values();
        for (int i = 0; i < count; i++) {
            at = at.plusMillis((long) (random.nextDouble() * 10_000));
            Duration pending = Duration.ofMillis((long) (random.nextDouble() * 20_000));
            Duration throttled = random.nextDouble() < 0.10
                    ? Duration.ofMillis(30_000 + (long) (random.nextDouble() * 270_000))
                    : Duration.ZERO;
            double run = MEDIAN_RUN_SECONDS * Math.exp(SIGMA * gaussian(random));
            Duration running = Duration.ofMillis((long) (Math.max(20, Math.min(600, run)) * 1000));
            plans.add(new TaskPlan(
                    String.format("task-%04d", i),
                    at,
                    pending,
                    throttled,
                    running,
                    styles[i % styles.length],
                    random.nextLong()));
        }
        return plans;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
