package io.jenkins.plugins.runwayupscale.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this engine's own finished tasks showed, per model: how long runs lasted, and how a run's length compared
 * with what its progress readings foretold. Only the low end matters (how early a task can end), so each kind of
 * evidence keeps a ring of recent samples and answers with a floor below the smallest of them. A sample under the
 * floor proves the floor wrong: that evidence is dropped and rebuilt, and until it is, there is no floor. Memory is
 * bounded (rings of fixed size, a cap on the number of models). Thread-safe.
 */
final class RunCalibration {
    /** Progress is compared in tenths (11 bands: 1.0 has its own). */
    static final int BANDS = 11;
    /** Floors are this share of the smallest sample: a margin for tasks a little shorter than any seen. */
    static final double MARGIN = 0.8;

    private final int minSamples;
    private final int runSamples;
    private final int ratioSamples;
    private final Map<String, ModelEvidence> models;

    RunCalibration(int minSamples, int runSamples, int ratioSamples, int maxModels) {
        this.minSamples = minSamples;
        this.runSamples = runSamples;
        this.ratioSamples = ratioSamples;
        this.models = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ModelEvidence> eldest) {
                return size() > maxModels;
            }
        };
    }

    static int band(double progress) {
        return (int) Math.max(0, Math.min(BANDS - 1, Math.floor(progress * 10 + 1e-9)));
    }

    /** A run of this model lasts at least this many seconds, or null while the evidence is too thin. */
    synchronized Double shortestRun(String model) {
        ModelEvidence evidence = models.get(model);
        return evidence == null ? null : evidence.runs.floor(minSamples);
    }

    /**
     * A run of this model lasts at least this share of what a reading in the band foretells (the time the reading
     * was first seen divided by its progress), or null while the evidence is too thin.
     */
    synchronized Double ratioFloor(String model, int band) {
        ModelEvidence evidence = models.get(model);
        return evidence == null ? null : evidence.ratios[band].floor(minSamples);
    }

    synchronized void recordRun(String model, double seconds) {
        evidence(model).runs.add(seconds, minSamples);
    }

    synchronized void recordRatio(String model, int band, double ratio) {
        evidence(model).ratios[band].add(ratio, minSamples);
    }

    private ModelEvidence evidence(String model) {
        return models.computeIfAbsent(model, m -> new ModelEvidence(runSamples, ratioSamples));
    }

    private static final class ModelEvidence {
        final Samples runs;
        final Samples[] ratios = new Samples[BANDS];

        ModelEvidence(int runSamples, int ratioSamples) {
            runs = new Samples(runSamples);
            for (int i = 0; i < BANDS; i++) {
                ratios[i] = new Samples(ratioSamples);
            }
        }
    }

    /** A ring of recent samples that knows its floor. */
    private static final class Samples {
        private final double[] values;
        private int size;
        private int next;

        Samples(int capacity) {
            values = new double[capacity];
        }

        /** A share of the smallest sample: room for a task a little shorter than any seen. */
        Double floor(int minSamples) {
            if (size < minSamples) {
                return null;
            }
            double smallest = Double.MAX_VALUE;
            for (int i = 0; i < size; i++) {
                smallest = Math.min(smallest, values[i]);
            }
            return smallest * MARGIN;
        }

        void add(double value, int minSamples) {
            Double floor = floor(minSamples);
            if (floor != null && value < floor) {
                // The floor let a task end unseen: what came before no longer describes these tasks.
                size = 0;
                next = 0;
            }
            values[next] = value;
            next = (next + 1) % values.length;
            size = Math.min(size + 1, values.length);
        }
    }
}
