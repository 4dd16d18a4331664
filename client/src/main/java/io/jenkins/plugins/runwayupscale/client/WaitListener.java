package io.jenkins.plugins.runwayupscale.client;

import java.time.Instant;

/**
 * Hears what happens while a task is waited on, for logs and progress bars. Called on the engine's threads:
 * implementations must be quick and must not block.
 */
public interface WaitListener {
    WaitListener NONE = new WaitListener() {};

    /** The first reading, and every change of status. */
    default void statusChanged(RunwayTask task) {}

    /** The progress value changed (callers choose their own granularity). */
    default void progressChanged(RunwayTask task) {}

    /** A status the engine does not know; reported once per distinct value, polling goes on. */
    default void unknownStatus(RunwayTask task) {}

    /** CometAPI does not show the task yet (task_not_exist right after submission); reported once. */
    default void notYetVisible(String taskId) {}

    /** The next reading is scheduled. */
    default void nextPoll(Instant at) {}
}
