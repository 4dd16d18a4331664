package io.jenkins.plugins.runwayupscale.benchmark;

import java.util.Arrays;

/**
 * One workload family over several seeds: per seed, our polls per task and detection delays against the SDK loop's
 * on the same tasks.
 *
 * @param family the family
 * @param ours our figures, one per seed
 * @param sdk the SDK loop's figures, one per seed
 */
record FamilyResult(Family family, PolicyComparison.Result[] ours, PolicyComparison.Result[] sdk) {

    double[] pollsRatios() {
        return ratios(0);
    }

    double[] p95Ratios() {
        return ratios(1);
    }

    double[] maxRatios() {
        return ratios(2);
    }

    int failures() {
        return Arrays.stream(ours).mapToInt(PolicyComparison.Result::failures).sum()
                + Arrays.stream(sdk).mapToInt(PolicyComparison.Result::failures).sum();
    }

    /** Polls per task and p95 delay, the median over seeds: {ours polls, ours p95, sdk polls, sdk p95}. */
    double[] medians() {
        return new double[] {
            median(Arrays.stream(ours).mapToDouble(r -> r.polls().mean()).toArray()),
            median(Arrays.stream(ours).mapToDouble(r -> r.delays().p95()).toArray()),
            median(Arrays.stream(sdk).mapToDouble(r -> r.polls().mean()).toArray()),
            median(Arrays.stream(sdk).mapToDouble(r -> r.delays().p95()).toArray())
        };
    }

    private double[] ratios(int which) {
        double[] out = new double[ours.length];
        for (int i = 0; i < ours.length; i++) {
            out[i] = figure(ours[i], which) / figure(sdk[i], which);
        }
        return out;
    }

    private static double figure(PolicyComparison.Result r, int which) {
        return switch (which) {
            case 0 -> r.polls().mean();
            case 1 -> r.delays().p95();
            default -> r.delays().max();
        };
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }
}
