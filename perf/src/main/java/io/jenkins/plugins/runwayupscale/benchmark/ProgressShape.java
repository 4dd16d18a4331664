package io.jenkins.plugins.runwayupscale.benchmark;

import java.util.SplittableRandom;

/** What a simulated task shows as progress at a share of its run (0 to 1), or null when it shows none. */
@FunctionalInterface
interface ProgressShape {
    /**
     * @param fraction how much of the run has passed
     * @param noise a source of noise fixed for this task and instant
     */
    Double at(double fraction, SplittableRandom noise);

    ProgressShape NONE = (f, noise) -> null;

    /** Linear in time, off by up to ±{@code spread} at each reading. */
    static ProgressShape linear(double spread) {
        return (f, noise) -> clip(f + (noise.nextDouble() * 2 - 1) * spread);
    }

    /** Slow start, fast middle, slow finish (smoothstep). */
    static ProgressShape sCurve(double spread) {
        return (f, noise) -> clip(f * f * (3 - 2 * f) + (noise.nextDouble() * 2 - 1) * spread);
    }

    /** Fast start, slow tail. */
    static ProgressShape fastStart(double spread) {
        return (f, noise) -> clip(1 - (1 - f) * (1 - f) + (noise.nextDouble() * 2 - 1) * spread);
    }

    /** Slow start, fast finish. */
    static ProgressShape slowStart(double spread) {
        return (f, noise) -> clip(f * f + (noise.nextDouble() * 2 - 1) * spread);
    }

    /** Linear up to {@code stall} reached at {@code reachedAt} of the run, then stuck there until the end. */
    static ProgressShape stall(double stall, double reachedAt) {
        return (f, noise) -> Math.min(stall, stall * f / reachedAt);
    }

    /** Linear, but the task ends when it shows {@code last} (before 100%). */
    static ProgressShape endsAt(double last) {
        return (f, noise) -> clip(f * last);
    }

    /** Jumps of 25% at the given shares of the run (three increasing values). */
    static ProgressShape steps(double[] at) {
        return (f, noise) -> {
            int done = 0;
            while (done < at.length && f >= at[done]) {
                done++;
            }
            return done * 0.25;
        };
    }

    private static double clip(double v) {
        return Math.max(0, Math.min(0.99, v));
    }
}
