package io.jenkins.plugins.runwayupscale.benchmark;

import java.util.Arrays;

/** Mean, percentile and max of a sample. */
record Stats(double mean, double p95, double max, int count) {
    static Stats of(double[] values) {
        if (values.length == 0) {
            return new Stats(0, 0, 0, 0);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        int rank = (int) Math.ceil(0.95 * sorted.length) - 1;
        return new Stats(sum / sorted.length, sorted[Math.max(0, rank)], sorted[sorted.length - 1], sorted.length);
    }
}
