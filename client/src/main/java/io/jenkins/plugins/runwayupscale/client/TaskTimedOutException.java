package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;

/**
 * The overall wait ran out before the task finished (the task may still be running remotely), or a call was still
 * unanswered at its deadline.
 */
public final class TaskTimedOutException extends RunwayException {
    private static final long serialVersionUID = 2L;
    private final transient RunwayTask lastSeen;

    public TaskTimedOutException(String taskId, Duration waited, RunwayTask lastSeen) {
        super(
                "Gave up waiting for Runway task " + taskId + " after " + Durations.describe(waited)
                        + "; last status " + describe(lastSeen)
                        + ". Raise the timeout if the task is still making progress.",
                CallFacts.task(taskId),
                null);
        this.lastSeen = lastSeen;
    }

    /** A call cut off at the deadline before any task was read (a submission, or a single read). */
    TaskTimedOutException(String description, CallFacts facts) {
        super(description, facts, null);
        this.lastSeen = null;
    }

    private static String describe(RunwayTask task) {
        if (task == null) {
            return "unknown (the task was never read)";
        }
        return task.describeStatus();
    }

    /** The last state read before giving up, or null if none was read. */
    public RunwayTask lastSeen() {
        return lastSeen;
    }
}
