package io.jenkins.plugins.runwayupscale.benchmark;

import java.time.Duration;
import java.time.Instant;

/**
 * One generated task: when it is submitted and how long it stays in each state.
 *
 * @param id task id
 * @param submitAt submission time (virtual)
 * @param pending time PENDING
 * @param throttled time THROTTLED (zero for most)
 * @param running time RUNNING
 * @param progress what it shows while RUNNING
 * @param noiseSeed seed of its progress noise
 */
record TaskPlan(
        String id,
        Instant submitAt,
        Duration pending,
        Duration throttled,
        Duration running,
        ProgressShape progress,
        long noiseSeed) {

    Instant runningFrom() {
        return submitAt.plus(pending).plus(throttled);
    }

    Instant finishAt() {
        return runningFrom().plus(running);
    }
}
