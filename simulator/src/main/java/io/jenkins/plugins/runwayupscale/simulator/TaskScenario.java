package io.jenkins.plugins.runwayupscale.simulator;

import java.time.Duration;

/**
 * The life of a simulated task, in task time (the simulator's time scale turns it into real time).
 *
 * @param pending time PENDING
 * @param throttled time THROTTLED after that (zero for none)
 * @param running time RUNNING
 * @param progress how progress is reported
 * @param outcome how it ends
 * @param failureCode failure code when FAILED
 * @param failure failure text when FAILED
 * @param outputBytes size of the generated output file
 * @param shape response shape, or null for the simulator's default
 */
public record TaskScenario(Duration pending, Duration throttled, Duration running, ProgressStyle progress, Outcome outcome,
        String failureCode, String failure, long outputBytes, ResponseShape shape) {

    /** Pending 5 s, running 60 s with smooth progress, succeeds with a 64 KiB output. */
    public static TaskScenario standard() {
        return new TaskScenario(Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(60), ProgressStyle.SMOOTH,
                Outcome.SUCCEEDED, null, null, 64 * 1024, null);
    }

    public TaskScenario withTimes(Duration newPending, Duration newThrottled, Duration newRunning) {
        return new TaskScenario(newPending, newThrottled, newRunning, progress, outcome, failureCode, failure, outputBytes, shape);
    }

    public TaskScenario withProgress(ProgressStyle style) {
        return new TaskScenario(pending, throttled, running, style, outcome, failureCode, failure, outputBytes, shape);
    }

    public TaskScenario failing(String code, String text) {
        return new TaskScenario(pending, throttled, running, progress, Outcome.FAILED, code, text, outputBytes, shape);
    }

    public TaskScenario cancelled() {
        return new TaskScenario(pending, throttled, running, progress, Outcome.CANCELLED, null, null, outputBytes, shape);
    }

    public TaskScenario withOutputBytes(long bytes) {
        return new TaskScenario(pending, throttled, running, progress, outcome, failureCode, failure, bytes, shape);
    }

    public TaskScenario inShape(ResponseShape newShape) {
        return new TaskScenario(pending, throttled, running, progress, outcome, failureCode, failure, outputBytes, newShape);
    }

    Duration total() {
        return pending.plus(throttled).plus(running);
    }
}
