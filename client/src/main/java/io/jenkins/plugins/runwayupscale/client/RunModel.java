package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the readings of a running task allow about its start {@code s} and run length {@code T}, assuming progress
 * grows linearly: every reading is a linear constraint on (s, T), and the earliest and latest times at which the
 * task can reach a given progress are the corners of the feasible region (a two-variable linear program, solved by
 * visiting the corners). Stepwise progress (a reading of v means somewhere in [v, v + step)) and smooth noisy
 * progress (v ± noise) are both expressed this way.
 */
final class RunModel {
    private static final double EPS = 1e-6;
    private static final double MAX_RUN_SECONDS = 4 * 3600;

    /** a·s + b·T ≤ c, times in seconds from the submission. */
    private record Constraint(double a, double b, double c) {
        boolean holds(double s, double t) {
            return a * s + b * t <= c + EPS * (1 + Math.abs(c));
        }
    }

    private final List<Constraint> constraints = new ArrayList<>();
    private final Instant origin;
    private final double step;
    private List<double[]> corners;

    private RunModel(Instant origin, double step) {
        this.origin = origin;
        this.step = step;
    }

    /**
     * The model of a task's run, or null without two different progress readings while RUNNING.
     *
     * @param noise how far a smooth reading may be off
     */
    static RunModel of(PollState state, double noise) {
        List<PollState.Observation> running = state.history().stream()
                .filter(o -> o.status() == TaskStatus.RUNNING)
                .toList();
        List<PollState.Observation> withProgress =
                running.stream().filter(o -> o.progress() != null).toList();
        // One value alone says nothing about the rate.
        if (state.runningSeenAt() == null
                || withProgress.stream()
                                .map(PollState.Observation::progress)
                                .distinct()
                                .count()
                        < 2) {
            return null;
        }
        double step = stepOf(withProgress);
        RunModel model = new RunModel(state.submittedAt(), step);
        Instant from = state.runningFrom() == null ? state.submittedAt() : state.runningFrom();
        model.add(-1, 0, -model.seconds(from));
        model.add(1, 0, model.seconds(state.runningSeenAt()));
        model.add(0, -1, -1);
        model.add(0, 1, MAX_RUN_SECONDS);
        for (PollState.Observation o : running) {
            double t = model.seconds(o.at());
            // Not finished at t: s + T > t.
            model.add(-1, -1, -t);
            if (o.progress() == null) {
                continue;
            }
            double v = o.progress();
            double low = step > 0 ? v : Math.max(0, v - noise);
            double high = step > 0 ? Math.min(1, v + step) : Math.min(1, v + noise);
            // Reached `low` by t: s + low·T ≤ t; not yet `high`: s + high·T ≥ t.
            model.add(1, low, t);
            model.add(-1, -high, -t);
        }
        return model.feasible() ? model : null;
    }

    /**
     * Progress that only takes round values (multiples of 0.05) may move in jumps: the step is then taken as the
     * smallest change seen, which can only over-state the true step, so the bounds stay valid. Otherwise 0 (smooth).
     */
    private static double stepOf(List<PollState.Observation> readings) {
        double smallest = 1;
        for (int i = 0; i < readings.size(); i++) {
            double v = readings.get(i).progress();
            if (!isMultiple(v, 0.05)) {
                return 0;
            }
            if (i > 0) {
                double d = Math.abs(v - readings.get(i - 1).progress());
                if (d >= EPS) {
                    smallest = Math.min(smallest, d);
                }
            }
        }
        return smallest;
    }

    private static boolean isMultiple(double v, double unit) {
        double n = v / unit;
        return Math.abs(n - Math.rint(n)) < 1e-6;
    }

    double step() {
        return step;
    }

    private double seconds(Instant t) {
        return Duration.between(origin, t).toMillis() / 1000.0;
    }

    private void add(double a, double b, double c) {
        constraints.add(new Constraint(a, b, c));
    }

    private boolean feasible() {
        corners = new ArrayList<>();
        for (int i = 0; i < constraints.size(); i++) {
            for (int j = i + 1; j < constraints.size(); j++) {
                Constraint p = constraints.get(i);
                Constraint q = constraints.get(j);
                double det = p.a * q.b - p.b * q.a;
                if (Math.abs(det) < 1e-12) {
                    continue;
                }
                double s = (p.c * q.b - p.b * q.c) / det;
                double t = (p.a * q.c - p.c * q.a) / det;
                if (constraints.stream().allMatch(k -> k.holds(s, t))) {
                    corners.add(new double[] {s, t});
                }
            }
        }
        return !corners.isEmpty();
    }

    /** The earliest and latest times at which progress can reach {@code value} (1 = finished). */
    Instant[] reaching(double value) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double[] c : corners) {
            double at = c[0] + value * c[1];
            min = Math.min(min, at);
            max = Math.max(max, at);
        }
        return new Instant[] {origin.plusMillis((long) (min * 1000)), origin.plusMillis((long) (max * 1000))};
    }
}
