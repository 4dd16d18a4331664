package io.jenkins.plugins.runwayupscale.client;

import java.time.Instant;
import java.util.List;

/**
 * What a polling policy may use to pick the next poll: the task, how long it has run, and its readings.
 *
 * @param taskId the task
 * @param model the model it runs
 * @param submittedAt when it was submitted
 * @param now the current time
 * @param polls how many readings have been made so far
 * @param lastTask the last reading, null before the first
 * @param readingSince when the last reading's status and progress were first read, null before the first reading
 * @param previousReadAt the reading before the last one, or null
 * @param runningFrom the earliest time the task may have started RUNNING (the reading before RUNNING was first
 *     seen, or the submission), null until RUNNING is seen
 * @param runningSeenAt the reading that first showed RUNNING (the latest it can have started), or null
 * @param history the readings that changed the status or moved progress into another tenth, oldest first
 *     (bounded): each is the first reading of what it shows
 */
public record PollState(
        String taskId,
        String model,
        Instant submittedAt,
        Instant now,
        int polls,
        RunwayTask lastTask,
        Instant readingSince,
        Instant previousReadAt,
        Instant runningFrom,
        Instant runningSeenAt,
        List<Observation> history) {

    /**
     * One reading.
     *
     * @param at when it was read
     * @param status the status read
     * @param progress the progress read, or null
     */
    public record Observation(Instant at, TaskStatus status, Double progress) {}
}
