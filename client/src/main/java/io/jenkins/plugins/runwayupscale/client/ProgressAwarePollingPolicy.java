package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Polls where the answer is likely to have changed, using what the task tells us:
 * <ul>
 * <li>RUNNING with progress that has moved: bound the finish (and, for progress in jumps, the next jump) from the
 * readings ({@link RunModel}), sleep until the earliest it can come, then poll densely;</li>
 * <li>RUNNING without usable progress: wait as long as recent runs of the same model that lasted this long rarely
 * ended within the wait, otherwise poll densely;</li>
 * <li>PENDING: every 15 s; THROTTLED: back off, as long again as it has been throttled (it can last minutes).</li>
 * </ul>
 * Never sooner than 5 s after the previous poll (Runway's own floor: a state changes no faster) nor later than
 * 60 s. The engine caps the last poll at the wait's deadline. Shared by every wait of an engine: thread-safe.
 */
public final class ProgressAwarePollingPolicy implements PollingPolicy {
    static final Duration FLOOR = Duration.ofSeconds(5);
    static final Duration CEILING = Duration.ofSeconds(60);
    /** Between polls where the finish could come at any moment: keeps the detection delay under Runway's SDKs'. */
    static final Duration DENSE = Duration.ofMillis(5_500);
    /** Between polls of a run without progress where runs commonly end (delay uniform in 0..6 s). */
    static final Duration BLIND = Duration.ofSeconds(6);
    /** Queues are short; reading a pending task mostly serves to date the start of its run. */
    static final Duration PENDING_INTERVAL = Duration.ofSeconds(15);

    static final Duration THROTTLED_START = Duration.ofSeconds(10);
    /** A blind wait may grow while fewer than this share of past runs as long as this one ended within it. */
    static final double ENDING_CHANCE = 0.05;

    static final Duration BLIND_STEP = Duration.ofSeconds(1);
    static final Duration BLIND_CEILING = Duration.ofSeconds(30);
    static final int MIN_SAMPLES = 8;
    /** Far from a window, stop this share of the way to its middle when that comes first, to read progress again. */
    static final double APPROACH = 0.95;
    /** How far a smooth progress reading may be off. */
    static final double NOISE = 0.05;
    /** Between polls while waiting for a jump of stepwise progress that is not the last one. */
    static final Duration JUMP = Duration.ofSeconds(15);

    private final RunDurations durations = new RunDurations(128, 32);

    @Override
    public Duration nextDelay(PollState state) {
        RunwayTask last = state.lastTask();
        if (last == null) {
            return FLOOR;
        }
        return switch (last.status()) {
            case PENDING -> PENDING_INTERVAL;
            case THROTTLED -> clamp(Duration.between(state.statusSince(), state.now()), THROTTLED_START, CEILING);
            case RUNNING -> running(state);
            default -> clamp(running(state), Duration.ofSeconds(10), CEILING);
        };
    }

    private Duration running(PollState state) {
        RunModel model = RunModel.of(state, NOISE);
        if (model != null) {
            return fromProgress(state, model);
        }
        Instant from = state.runningFrom() == null ? state.submittedAt() : state.runningFrom();
        return blind(state.model(), Duration.between(from, state.now()));
    }

    /**
     * Without progress, recent runs of the same model are all there is: wait as long as a run that has lasted this
     * long rarely ends within the wait, and poll densely where runs commonly end.
     */
    private Duration blind(String model, Duration ran) {
        Duration wait = BLIND;
        Duration longer = BLIND.plus(BLIND_STEP);
        while (longer.compareTo(BLIND_CEILING) <= 0) {
            Double chance = durations.chanceToEndWithin(model, ran, longer, MIN_SAMPLES);
            if (chance == null || chance > ENDING_CHANCE) {
                break;
            }
            wait = longer;
            longer = longer.plus(BLIND_STEP);
        }
        return wait;
    }

    /**
     * Aims at the next thing worth seeing: the finish, or for progress in jumps the next jump, whose timing pins
     * down the finish. Sleeps until the earliest time it can happen, then polls densely until it has.
     */
    private static Duration fromProgress(PollState state, RunModel model) {
        double current =
                state.lastTask().progress() == null ? 0 : state.lastTask().progress();
        double next = model.step() > 0 ? current + model.step() : 1;
        boolean finalEvent = next >= 1 - 1e-9;
        Instant[] window = model.reaching(Math.min(1, next));
        Duration interval = finalEvent ? DENSE : JUMP;
        Duration toEarliest = Duration.between(state.now(), window[0]);
        if (toEarliest.compareTo(interval) <= 0) {
            return interval;
        }
        Instant middle = window[0].plus(Duration.between(window[0], window[1]).dividedBy(2));
        Duration toMiddle = Duration.between(state.now(), middle);
        Duration approach = Duration.ofMillis((long) (toMiddle.toMillis() * APPROACH));
        return clamp(
                approach.compareTo(toEarliest) < 0 && approach.compareTo(interval) > 0 ? approach : toEarliest,
                FLOOR,
                CEILING);
    }

    @Override
    public void taskFinished(PollState state) {
        RunwayTask last = state.lastTask();
        List<PollState.Observation> history = state.history();
        if (last == null
                || last.status() != TaskStatus.SUCCEEDED
                || state.runningSeenAt() == null
                || history.size() < 2) {
            return;
        }
        // Start and end each happened between two readings: date both at the midpoint.
        Instant started = state.runningFrom() == null
                ? state.runningSeenAt()
                : midpoint(state.runningFrom(), state.runningSeenAt());
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
