package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;

/**
 * Decides when to read a task again. The engine adds nothing on top: a policy keeps its own floor and ceiling.
 * Implementations are shared by every wait of an engine and must be thread-safe.
 */
public interface PollingPolicy {
    /** The wait before the next reading; called before the first reading too ({@code state.polls() == 0}). */
    Duration nextDelay(PollState state);

    /** Told when a task reached a terminal status ({@code state.lastTask()}), so a policy can learn typical durations. */
    default void taskFinished(PollState state) {}
}
