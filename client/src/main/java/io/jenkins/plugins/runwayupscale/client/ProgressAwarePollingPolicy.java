package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;
import java.time.Instant;

/**
 * Notices an end no later than Runway's SDKs would (a read every 6 s ± 1.5 s), and reads less only where this
 * engine's own finished tasks show that the task cannot end yet.
 * <p>
 * From the readings and a {@link RunCalibration} of the model, it works out the earliest time the task can end:
 * a queued or throttled task no sooner than the shortest run seen after now; a running one no sooner than the
 * shortest run seen after its earliest possible start, nor than what its progress foretells, scaled by the smallest
 * ratio of real to foretold length seen for progress in the same tenth. Until that time it waits up to
 * {@link #LONGEST}; from then on, or whenever there is no such time because the evidence is thin or was proved
 * wrong, it reads every {@link #DENSE} ± {@link #JITTER}, which is shorter than the SDKs' longest gap. So an end the
 * evidence allowed is seen within 6.5 s, and one it wrongly ruled out within 10.5 s (the SDKs: 7.5 s). Never sooner
 * than 5 s after the previous read (Runway: a state changes no faster). The engine caps the last read at the wait's
 * deadline. Shared by every wait of an engine: thread-safe.
 */
public final class ProgressAwarePollingPolicy implements PollingPolicy {
    /** The SDKs' longest gap between reads: no wait that an end could fall into is longer. */
    static final Duration SDK_LONGEST = Duration.ofMillis(7_500);
    /**
     * The longest wait, even where the evidence rules an end out: should the evidence be wrong, the end is still seen
     * within 1.4 times the SDKs' longest gap.
     */
    static final Duration LONGEST = Duration.ofMillis(10_500);
    /**
     * Between reads while an end is possible. The detection delay's upper percentiles then stay under the SDKs'
     * (p95 5.9 s against 6.2 s, worst 6.5 s against 7.5 s) at 97% of their reads (their mean gap is 6 s).
     */
    static final Duration DENSE = Duration.ofMillis(6_200);
    /** Spreads the reads of many tasks over time; derived from the task and read count, so repeatable. */
    static final Duration JITTER = Duration.ofMillis(300);
    /** Below this, progress foretells nothing (a reading of 0 says the run has barely begun). */
    static final double LEAST_PROGRESS = 0.01;

    private final RunCalibration calibration;

    public ProgressAwarePollingPolicy() {
        this(new RunCalibration(16, 64, 32, 32));
    }

    ProgressAwarePollingPolicy(RunCalibration calibration) {
        this.calibration = calibration;
    }

    @Override
    public Duration nextDelay(PollState state) {
        Instant earliest = earliestEnd(state);
        Duration dense = dense(state);
        if (earliest == null) {
            return dense;
        }
        Duration untilEnd = Duration.between(state.now(), earliest);
        if (untilEnd.compareTo(dense) <= 0) {
            return dense;
        }
        return untilEnd.compareTo(LONGEST) > 0 ? LONGEST : untilEnd;
    }

    /**
     * The earliest time the task can end judging by the evidence, or null when it could end at any moment. Every
     * bound holds for any start of the run between the two readings around it. A wait longer than
     * {@link #SDK_LONGEST} never passes this time.
     */
    Instant earliestEnd(PollState state) {
        Double shortest = calibration.shortestRun(state.model());
        RunwayTask last = state.lastTask();
        if (last == null || last.status() == TaskStatus.PENDING || last.status() == TaskStatus.THROTTLED) {
            // It has not started: it ends no sooner than a whole run from now.
            return shortest == null ? null : state.now().plus(seconds(shortest));
        }
        if (last.status() != TaskStatus.RUNNING || state.runningSeenAt() == null) {
            return null;
        }
        Instant from = earliestStart(state);
        Instant earliest = shortest == null ? null : from.plus(seconds(shortest));
        Double progress = last.progress();
        if (progress != null && progress >= LEAST_PROGRESS && state.readingSince() != null) {
            Double ratio = calibration.ratioFloor(state.model(), RunCalibration.band(progress));
            if (ratio != null) {
                // Linear in the start, so the earliest over all possible starts is at one end of their range.
                Instant byProgress = earlier(
                        foretoldEnd(from, state.readingSince(), progress, ratio),
                        foretoldEnd(state.runningSeenAt(), state.readingSince(), progress, ratio));
                earliest = earliest == null || byProgress.isAfter(earliest) ? byProgress : earliest;
            }
        }
        return earliest;
    }

    @Override
    public void taskFinished(PollState state) {
        RunwayTask last = state.lastTask();
        if (last == null
                || (last.status() != TaskStatus.SUCCEEDED && last.status() != TaskStatus.FAILED)
                || state.runningSeenAt() == null
                || state.previousReadAt() == null) {
            return;
        }
        // Samples err on the short side: the run began at the latest when first seen RUNNING and ended at the
        // earliest just after the reading before the last.
        Instant from = earliestStart(state);
        Instant seen = state.runningSeenAt();
        Instant end = state.previousReadAt();
        double ran = secondsBetween(seen, end);
        if (ran <= 0) {
            return;
        }
        calibration.recordRun(state.model(), ran);
        for (PollState.Observation o : state.history()) {
            if (o.status() == TaskStatus.RUNNING && o.progress() != null && o.progress() >= LEAST_PROGRESS) {
                double ratio = Math.min(ratio(from, o.at(), o.progress(), end), ratio(seen, o.at(), o.progress(), end));
                if (ratio > 0 && ratio < Double.MAX_VALUE) {
                    calibration.recordRatio(state.model(), RunCalibration.band(o.progress()), ratio);
                }
            }
        }
    }

    /** A run started at {@code start} and ending at {@code end}, against the length the reading foretold. */
    private static double ratio(Instant start, Instant readAt, double progress, Instant end) {
        double elapsed = secondsBetween(start, readAt);
        return elapsed <= 0 ? Double.MAX_VALUE : secondsBetween(start, end) * Math.min(1, progress) / elapsed;
    }

    /** Where a run from {@code start} ends if it lasts {@code ratio} times what the reading foretells. */
    private static Instant foretoldEnd(Instant start, Instant readAt, double progress, double ratio) {
        return start.plus(seconds(ratio * secondsBetween(start, readAt) / Math.min(1, progress)));
    }

    private static Instant earliestStart(PollState state) {
        return state.runningFrom() == null ? state.runningSeenAt() : state.runningFrom();
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Duration dense(PollState state) {
        long mix = state.taskId().hashCode() * 0x9E3779B97F4A7C15L + state.polls();
        mix = (mix ^ (mix >>> 31)) * 0xBF58476D1CE4E5B9L;
        double unit = ((mix ^ (mix >>> 29)) >>> 11) * 0x1.0p-53;
        return DENSE.plusMillis((long) ((unit * 2 - 1) * JITTER.toMillis()));
    }

    private static double secondsBetween(Instant a, Instant b) {
        return Duration.between(a, b).toMillis() / 1000.0;
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }
}
