package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Polls where the answer is likely to have changed, using what the task tells us:
 * <ul>
 * <li>RUNNING with rising progress: estimate the finish from the progress rate and poll close to it, sparse while
 * far, dense near the end;</li>
 * <li>RUNNING without usable progress: sleep through the part of the run that recent tasks of the same model
 * never finish in, then poll densely;</li>
 * <li>PENDING and THROTTLED: back off (THROTTLED can last minutes).</li>
 * </ul>
 * Never sooner than 5 s (Runway's own floor: a state changes no faster) nor later than 60 s. The engine caps the
 * last poll at the wait's deadline.
 */
public final class ProgressAwarePollingPolicy implements PollingPolicy {
    static final Duration FLOOR = Duration.ofSeconds(5);
    static final Duration CEILING = Duration.ofSeconds(60);
    /** Between polls where the finish could come at any moment: keeps the detection delay under Runway's SDKs'. */
    static final Duration DENSE = Duration.ofMillis(5_500);
    /** Queues are short; reading a pending task mostly serves to date the start of its run. */
    static final Duration PENDING_INTERVAL = Duration.ofSeconds(10);
    static final Duration THROTTLED_START = Duration.ofSeconds(10);
    /** Early-finish quantile of past runs; below it a task is unlikely to be done. */
    static final double EARLY_QUANTILE = 0.03;
    static final int MIN_SAMPLES = 8;
    /** Past an estimated finish this far away, poll at this fraction of the way, to re-estimate. */
    static final double APPROACH = 0.7;
    static final Duration FAR = Duration.ofSeconds(20);
    /** Share of the run length an estimate can be off by (progress readings are noisy). */
    static final double NOISE_SHARE = 0.05;
    static final Duration SPREAD_FLOOR = Duration.ofSeconds(3);
    /** Beyond this quantile of past runs polls thin out to {@link #LATE}. */
    static final double LATE_QUANTILE = 0.90;
    static final Duration LATE = Duration.ofSeconds(10);
    private static final double STEP_TOLERANCE = 1e-9;

    private final RunDurations durations = new RunDurations(128, 32);

    @Override
    public Duration nextDelay(PollState state) {
        RunwayTask last = state.lastTask();
        if (last == null) {
            return FLOOR;
        }
        return switch (last.status()) {
            case PENDING -> PENDING_INTERVAL;
            case THROTTLED -> clamp(Duration.between(state.statusSince(), state.now()).dividedBy(2), THROTTLED_START, CEILING);
            case RUNNING -> running(state);
            default -> clamp(running(state), Duration.ofSeconds(10), CEILING);
        };
    }

    private Duration running(PollState state) {
        FinishWindow window = finishWindow(state);
        if (window != null) {
            Duration toEarliest = Duration.between(state.now(), window.earliest());
            if (toEarliest.compareTo(DENSE) <= 0) {
                return DENSE;
            }
            Duration toCentre = Duration.between(state.now(), window.centre());
            if (toCentre.compareTo(FAR) > 0) {
                // Far from the end an estimate is rough: stop part of the way to re-estimate.
                Duration approach = Duration.ofMillis((long) (toCentre.toMillis() * APPROACH));
                return clamp(approach.compareTo(toEarliest) < 0 ? approach : toEarliest, FLOOR, CEILING);
            }
            return clamp(toEarliest, FLOOR, CEILING);
        }
        Instant from = state.runningFrom() == null ? state.submittedAt() : state.runningFrom();
        Duration ran = Duration.between(from, state.now());
        Duration early = durations.quantile(state.model(), EARLY_QUANTILE, MIN_SAMPLES);
        if (early != null && ran.plus(DENSE).compareTo(early) < 0) {
            return clamp(early.minus(ran), FLOOR, CEILING);
        }
        Duration late = durations.quantile(state.model(), LATE_QUANTILE, MIN_SAMPLES);
        if (late != null && ran.compareTo(late) > 0) {
            // Few tasks run this long, so each poll here buys little: poll less often.
            return LATE;
        }
        return DENSE;
    }

    /**
     * When the task should finish judging by its progress: a best estimate and an earliest plausible time, or null
     * without two distinct progress readings. Smooth progress is dated at its reading. Progress that moves in jumps
     * reached its value somewhere between the reading that first showed it and the one before: the best estimate
     * dates it at the midpoint, the earliest at the reading before (the fastest the task can be going).
     */
    static FinishWindow finishWindow(PollState state) {
        List<PollState.Observation> running = state.history().stream()
                .filter(o -> o.status() == TaskStatus.RUNNING && o.progress() != null).toList();
        if (running.size() < 2) {
            return null;
        }
        PollState.Observation first = running.get(0);
        PollState.Observation before = null;
        PollState.Observation changed = null;
        for (int i = 1; i < running.size(); i++) {
            if (Math.abs(running.get(i).progress() - running.get(i - 1).progress()) > STEP_TOLERANCE) {
                before = running.get(i - 1);
                changed = running.get(i);
            }
        }
        if (changed == null || changed.progress() <= first.progress()) {
            return null;
        }
        double gained = changed.progress() - first.progress();
        double left = 1 - changed.progress();
        boolean stepwise = moves(running);
        Instant likely = finish(first.at(), stepwise ? midpoint(before.at(), changed.at()) : changed.at(), gained, left);
        Instant soonest = stepwise ? finish(first.at(), before.at(), gained, left) : likely;
        if (likely == null) {
            return null;
        }
        long runLength = Duration.between(first.at(), likely).toMillis();
        Instant earliest = (soonest == null || soonest.isAfter(likely) ? likely : soonest)
                .minusMillis((long) (runLength * NOISE_SHARE) + SPREAD_FLOOR.toMillis());
        if (stepwise && soonest != null) {
            // Jumps still to come each take at least as long as the fastest step seen so far.
            double step = smallestStep(running);
            long stepsLeft = Math.round(left / step);
            long fastestStep = (long) (Duration.between(first.at(), before.at()).toMillis() * step / gained);
            Instant afterJumps = state.now().plusMillis(Math.max(0, stepsLeft - 1) * Math.max(0, fastestStep));
            if (afterJumps.isAfter(earliest)) {
                earliest = afterJumps.isAfter(likely) ? likely : afterJumps;
            }
        }
        return new FinishWindow(earliest, likely);
    }

    private static Instant finish(Instant from, Instant reached, double gained, double left) {
        long took = Duration.between(from, reached).toMillis();
        if (took <= 0) {
            return null;
        }
        return reached.plusMillis((long) (left * took / gained));
    }

    /**
     * Where a finish is expected.
     *
     * @param earliest the earliest plausible finish
     * @param centre the best estimate
     */
    record FinishWindow(Instant earliest, Instant centre) {
    }

    private static double smallestStep(List<PollState.Observation> running) {
        double step = 1;
        for (int i = 1; i < running.size(); i++) {
            double d = Math.abs(running.get(i).progress() - running.get(i - 1).progress());
            if (d > STEP_TOLERANCE) {
                step = Math.min(step, d);
            }
        }
        return step;
    }

    /** Progress that stands still between readings, or only takes round values, moves in jumps. */
    private static boolean moves(List<PollState.Observation> running) {
        return hasPlateau(running) || running.stream().allMatch(o -> isRound(o.progress()));
    }

    private static boolean isRound(double progress) {
        double twentieths = progress * 20;
        return Math.abs(twentieths - Math.rint(twentieths)) < 1e-6;
    }

    private static boolean hasPlateau(List<PollState.Observation> running) {
        for (int i = 1; i < running.size(); i++) {
            double value = running.get(i).progress();
            if (value > STEP_TOLERANCE && Math.abs(value - running.get(i - 1).progress()) <= STEP_TOLERANCE) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void taskFinished(PollState state) {
        RunwayTask last = state.lastTask();
        List<PollState.Observation> history = state.history();
        if (last == null || last.status() != TaskStatus.SUCCEEDED || state.runningSeenAt() == null || history.size() < 2) {
            return;
        }
        // Start and end each happened between two readings: date both at the midpoint.
        Instant started = state.runningFrom() == null ? state.runningSeenAt() : midpoint(state.runningFrom(), state.runningSeenAt());
        Instant ended = midpoint(history.get(history.size() - 2).at(), state.now());
        Duration ran = Duration.between(started, ended);
        if (!ran.isNegative()) {
            durations.record(state.model(), ran);
        }
    }

    private static Instant midpoint(Instant a, Instant b) {
        return a.plusMillis(Duration.between(a, b).toMillis() / 2);
    }

    private static Duration clamp(Duration d, Duration min, Duration max) {
        if (d.compareTo(min) < 0) {
            return min;
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
