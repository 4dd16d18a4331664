package io.jenkins.plugins.runwayupscale.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The life of a simulated task, in task time (the simulator's time scale turns it into real time).
 *
 * @param pending time PENDING
 * @param throttled time THROTTLED after that (zero for none)
 * @param running time RUNNING
 * @param progress how progress is reported
 * @param progressNoise 0 for an even rate; up to 1 for a rate that speeds up and slows down (still never going back)
 * @param outcome how it ends
 * @param failureCode failure code when FAILED
 * @param failure failure text when FAILED
 * @param outputBytes size of the generated output file
 * @param shape response shape, or null for the simulator's default
 */
public record TaskScenario(
        Duration pending,
        Duration throttled,
        Duration running,
        ProgressStyle progress,
        double progressNoise,
        Outcome outcome,
        String failureCode,
        String failure,
        long outputBytes,
        ResponseShape shape) {

    public TaskScenario {
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(throttled, "throttled");
        Objects.requireNonNull(running, "running");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(outcome, "outcome");
        if (pending.isNegative() || throttled.isNegative() || running.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (!(progressNoise >= 0 && progressNoise <= 1)) {
            throw new IllegalArgumentException("progress noise must be between 0 and 1");
        }
        if (outputBytes < 0) {
            throw new IllegalArgumentException("output size must not be negative");
        }
    }

    /** Pending 5 s, running 60 s with smooth progress, succeeds with a 64 KiB output. */
    public static TaskScenario standard() {
        return new TaskScenario(
                Duration.ofSeconds(5),
                Duration.ZERO,
                Duration.ofSeconds(60),
                ProgressStyle.SMOOTH,
                0,
                Outcome.SUCCEEDED,
                null,
                null,
                64 * 1024,
                null);
    }

    public TaskScenario withTimes(Duration newPending, Duration newThrottled, Duration newRunning) {
        return with(d -> {
            d.pending = newPending;
            d.throttled = newThrottled;
            d.running = newRunning;
        });
    }

    public TaskScenario withProgress(ProgressStyle style) {
        return with(d -> d.progress = style);
    }

    /** Makes {@link ProgressStyle#SMOOTH} progress rise unevenly; 0 is even, 1 the most uneven. */
    public TaskScenario withProgressNoise(double noise) {
        return with(d -> d.progressNoise = noise);
    }

    /** Ends FAILED with this failure code (e.g. {@code SAFETY.INPUT.VIDEO}) and text. */
    public TaskScenario failing(String code, String text) {
        return ending(Outcome.FAILED, Objects.requireNonNull(code, "code"), Objects.requireNonNull(text, "text"));
    }

    /** Ends CANCELLED, as if someone cancelled it on Runway's side. */
    public TaskScenario cancelled() {
        return ending(Outcome.CANCELLED, null, null);
    }

    public TaskScenario succeeding() {
        return ending(Outcome.SUCCEEDED, null, null);
    }

    public TaskScenario withOutputBytes(long bytes) {
        return with(d -> d.outputBytes = bytes);
    }

    public TaskScenario inShape(ResponseShape newShape) {
        return with(d -> d.shape = newShape);
    }

    private TaskScenario ending(Outcome end, String code, String text) {
        return with(d -> {
            d.outcome = end;
            d.failureCode = code;
            d.failure = text;
        });
    }

    /** A copy of this scenario with {@code change} made to it; the record's constructor checks the result. */
    private TaskScenario with(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return new TaskScenario(
                d.pending,
                d.throttled,
                d.running,
                d.progress,
                d.progressNoise,
                d.outcome,
                d.failureCode,
                d.failure,
                d.outputBytes,
                d.shape);
    }

    /** The components of a scenario while a copy is being changed. */
    private static final class Draft {
        Duration pending;
        Duration throttled;
        Duration running;
        ProgressStyle progress;
        double progressNoise;
        Outcome outcome;
        String failureCode;
        String failure;
        long outputBytes;
        ResponseShape shape;

        Draft(TaskScenario s) {
            pending = s.pending;
            throttled = s.throttled;
            running = s.running;
            progress = s.progress;
            progressNoise = s.progressNoise;
            outcome = s.outcome;
            failureCode = s.failureCode;
            failure = s.failure;
            outputBytes = s.outputBytes;
            shape = s.shape;
        }
    }

    Duration runningFrom() {
        return pending.plus(throttled);
    }

    Duration total() {
        return runningFrom().plus(running);
    }
}
