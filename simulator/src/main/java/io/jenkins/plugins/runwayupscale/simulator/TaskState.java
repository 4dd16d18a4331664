package io.jenkins.plugins.runwayupscale.simulator;

import java.time.Instant;

/**
 * A task as it stands at one moment.
 *
 * @param status Runway status
 * @param progress 0..1, or null when none is reported
 * @param startedAt when it began RUNNING (real time), or null if it has not
 * @param finishedAt when it ended (real time), or null if it has not
 */
record TaskState(String status, Double progress, Instant startedAt, Instant finishedAt) {
    static final String PENDING = "PENDING";
    static final String THROTTLED = "THROTTLED";
    static final String RUNNING = "RUNNING";
    static final String SUCCEEDED = "SUCCEEDED";
    static final String FAILED = "FAILED";
    static final String CANCELLED = "CANCELLED";

    boolean isSucceeded() {
        return status.equals(SUCCEEDED);
    }

    boolean isFailed() {
        return status.equals(FAILED);
    }

    boolean isFinished() {
        return finishedAt != null;
    }
}
