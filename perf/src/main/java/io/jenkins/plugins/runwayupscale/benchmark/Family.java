package io.jenkins.plugins.runwayupscale.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Workload families for the policy comparison. Besides the headline mix, each is made to break an assumption a
 * polling policy could lean on: progress linear in time, progress reaching 100%, stable or light-tailed run lengths,
 * even steps, short queues, runs long enough to plan. Submissions arrive a few seconds apart, so a policy can learn
 * from tasks that finished before.
 */
enum Family {
    /** PENDING 0-20 s; 10% THROTTLED 30-300 s; log-normal runs (median 90 s) of 20-600 s; linear ±3%, even steps, none. */
    MIXED("mixed (headline)") {
        @Override
        TaskPlan plan(int index, SplittableRandom r) {
            ProgressShape[] shapes = {ProgressShape.linear(0.03), ProgressShape.steps(EVEN), ProgressShape.NONE};
            return task(r, queue(r, 0.10), clamp(logNormal(r, 90, 0.6), 20, 600), shapes[index % 3]);
        }
    },
    /** S-curves, fast starts with slow tails, slow starts with fast finishes. */
    NON_LINEAR("non-linear progress") {
        @Override
        TaskPlan plan(int index, SplittableRandom r) {
            ProgressShape[] shapes = {
                ProgressShape.sCurve(0.02), ProgressShape.fastStart(0.02), ProgressShape.slowStart(0.02)
            };
            return task(r, queue(r, 0.05), clamp(logNormal(r, 120, 0.5), 20, 1200), shapes[r.nextInt(3)]);
        }
    },
    /** Progress stops at 90-99% for one to five minutes before SUCCEEDED. */
    STALLS("stalls at 90-99%") {
        @Override
        TaskPlan plan(int index, SplittableRandom r) {
            double climb = clamp(logNormal(r, 100, 0.4), 20, 600);
            double stall = 60 + r.nextDouble() * 240;
            double run = climb + stall;
            return task(r, queue(r, 0.05), run, ProgressShape.stall(0.90 + r.nextDouble() * 0.09, climb / run));
        }
    },
    /** SUCCEEDED while progress last read 80-98%. */
    EARLY_SUCCESS("success before 100%") {
        @Override
        TaskPlan plan(int index, SplittableRandom r) {
            return task(
                    r,
                    queue(r, 0.05),
                    clamp(logNormal(r, 120, 0.5), 20, 1200),
                    ProgressShape.endsAt(0.80 + r.nextDouble() * 0.18));
        }
    },
    /** Log-normal run lengths with σ = 1: seconds to an hour; half show linear progress, half none. */
    HEAVY_TAIL("log-normal σ=1 runs") {
        @Override
        TaskPlan plan(int index, SplittableRandom r) {
            ProgressShape shape = r.nextBoolean() ? ProgressShape.linear(0.03) : ProgressShape.NONE;
            return task(r, queue(r, 0.05), clamp(logNormal(r, 120, 1.0), 3, 3600), shape);
        }
    },
    /** 25% steps whose four stages last anywhere from a sliver to most of the run. */
    UNEVEN_STEPS("uneven 25% steps") {
        @Override
        TaskPlan plan(int index, SplittableRandom r) {
            double[] weights = new double[4];
            double sum = 0;
            for (int i = 0; i < 4; i++) {
                weights[i] = Math.exp(0.9 * gaussian(r));
                sum += weights[i];
            }
            double[] at = new double[3];
            double acc = 0;
            for (int i = 0; i < 3; i++) {
                acc += weights[i] / sum;
                at[i] = acc;
            }
            return task(r, queue(r, 0.05), clamp(logNormal(r, 120, 0.5), 20, 1200), ProgressShape.steps(at));
        }
    },
    /** No progress; the median run drifts between 30 s and 300 s over hundreds of tasks. */
    DRIFTING_BLIND("no progress, drifting runs") {
        @Override
        TaskPlan plan(int index, SplittableRandom r) {
            double median = 95 * Math.exp(1.15 * Math.sin(2 * Math.PI * index / 400.0));
            return task(r, queue(r, 0.05), clamp(logNormal(r, median, 0.25), 5, 1200), ProgressShape.NONE);
        }
    },
    /** THROTTLED for one to ten minutes, then runs of 10-40 s. */
    THROTTLED_SHORT("long THROTTLED, short runs") {
        @Override
        TaskPlan plan(int index, SplittableRandom r) {
            double[] queue = {r.nextDouble() * 10, 60 + r.nextDouble() * 540};
            ProgressShape shape = r.nextBoolean() ? ProgressShape.linear(0.03) : ProgressShape.NONE;
            return task(r, queue, 10 + r.nextDouble() * 30, shape);
        }
    },
    /** Runs of 5-20 s after queues of 0-5 s. */
    VERY_SHORT("very short tasks (5-20 s)") {
        @Override
        TaskPlan plan(int index, SplittableRandom r) {
            double[] queue = {r.nextDouble() * 5, 0};
            ProgressShape shape = r.nextBoolean() ? ProgressShape.linear(0.03) : ProgressShape.NONE;
            return task(r, queue, 5 + r.nextDouble() * 15, shape);
        }
    },
    /** Every task drawn from one of the families above at random. */
    MIX("mix of all") {
        @Override
        TaskPlan plan(int index, SplittableRandom r) {
            Family[] others = values();
            return others[r.nextInt(others.length - 1)].plan(index, r);
        }
    };

    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final double[] EVEN = {0.25, 0.5, 0.75};

    private final String label;

    Family(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** A task's queue and run; its id and submission time are set by {@link #generate}. */
    abstract TaskPlan plan(int index, SplittableRandom r);

    List<TaskPlan> generate(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed * 31 + ordinal());
        List<TaskPlan> plans = new ArrayList<>(count);
        Instant at = EPOCH;
        for (int i = 0; i < count; i++) {
            at = at.plusMillis((long) (random.nextDouble() * 10_000));
            TaskPlan p = plan(i, random);
            plans.add(new TaskPlan(
                    String.format("task-%04d", i),
                    at,
                    p.pending(),
                    p.throttled(),
                    p.running(),
                    p.progress(),
                    p.noiseSeed()));
        }
        return plans;
    }

    /** PENDING 0-20 s, and THROTTLED 30-300 s for the given share of tasks. */
    private static double[] queue(SplittableRandom r, double throttledShare) {
        double throttled = r.nextDouble() < throttledShare ? 30 + r.nextDouble() * 270 : 0;
        return new double[] {r.nextDouble() * 20, throttled};
    }

    private static TaskPlan task(SplittableRandom r, double[] queue, double runSeconds, ProgressShape shape) {
        return new TaskPlan("", EPOCH, millis(queue[0]), millis(queue[1]), millis(runSeconds), shape, r.nextLong());
    }

    private static Duration millis(double seconds) {
        return Duration.ofMillis((long) (seconds * 1000));
    }

    private static double logNormal(SplittableRandom r, double median, double sigma) {
        return median * Math.exp(sigma * gaussian(r));
    }

    private static double clamp(double v, double low, double high) {
        return Math.max(low, Math.min(high, v));
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
