package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;
import java.time.Instant;

/**
 * The engine's sense of time: what time it is, and running something later. Injected so that retries, backoff,
 * deadlines and polling schedules can be tested in virtual time.
 */
public interface Scheduler {
    Instant now();

    /** Runs the action once after the delay (immediately for zero or negative delays). */
    Scheduled schedule(Duration delay, Runnable action);

    /** A pending action that can be called off. */
    interface Scheduled {
        /** Calls the action off; false if it already ran or was already cancelled. */
        boolean cancel();
    }
}
