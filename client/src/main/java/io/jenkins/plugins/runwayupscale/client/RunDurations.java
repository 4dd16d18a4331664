package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long recent tasks of each model ran: a small ring of durations per model, with a cap on the number of
 * models, so memory stays bounded however many tasks pass through. Thread-safe.
 */
final class RunDurations {
    private final int perModel;
    private final int maxModels;
    private final Map<String, Ring> rings;

    RunDurations(int perModel, int maxModels) {
        this.perModel = perModel;
        this.maxModels = maxModels;
        this.rings = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Ring> eldest) {
                return size() > RunDurations.this.maxModels;
            }
        };
    }

    synchronized void record(String model, Duration ran) {
        rings.computeIfAbsent(model, m -> new Ring(perModel)).add(ran.toMillis());
    }

    /** The q-quantile (0..1) of recorded durations, or null with fewer than {@code minSamples} recorded. */
    synchronized Duration quantile(String model, double q, int minSamples) {
        Ring ring = rings.get(model);
        if (ring == null || ring.size < minSamples) {
            return null;
        }
        long[] sorted = Arrays.copyOf(ring.values, ring.size);
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))));
        return Duration.ofMillis(sorted[index]);
    }

    /**
     * The chance that a run which has lasted {@code ran} ends within the next {@code window}, judging by the
     * recorded runs; null with fewer than {@code minSamples} runs recorded or none as long as {@code ran}.
     */
    synchronized Double chanceToEndWithin(String model, Duration ran, Duration window, int minSamples) {
        Ring ring = rings.get(model);
        if (ring == null || ring.size < minSamples) {
            return null;
        }
        long from = ran.toMillis();
        long to = from + window.toMillis();
        int alive = 0;
        int ending = 0;
        for (int i = 0; i < ring.size; i++) {
            long v = ring.values[i];
            if (v > from) {
                alive++;
                if (v <= to) {
                    ending++;
                }
            }
        }
        return alive == 0 ? null : (double) ending / alive;
    }

    private static final class Ring {
        private final long[] values;
        private int size;
        private int next;

        Ring(int capacity) {
            values = new long[capacity];
        }

        void add(long value) {
            values[next] = value;
            next = (next + 1) % values.length;
            size = Math.min(size + 1, values.length);
        }
    }
}
