package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;

/**
 * A plain schedule that respects Runway's 5 s floor: first poll 5 s after submission, every 5 s while RUNNING,
 * backing off to 30 s while PENDING or THROTTLED (which can last minutes), 15 s on an unknown status.
 */
public final class SteadyPollingPolicy implements PollingPolicy {
    static final Duration FLOOR = Duration.ofSeconds(5);
    static final Duration QUEUED_CEILING = Duration.ofSeconds(30);
    static final Duration UNKNOWN_STATUS = Duration.ofSeconds(15);

    @Override
    public Duration nextDelay(PollState state) {
        RunwayTask last = state.lastTask();
        if (last == null) {
            return FLOOR;
        }
        return switch (last.status()) {
            case PENDING, THROTTLED -> queuedDelay(Duration.between(state.statusSince(), state.now()));
            case UNKNOWN -> UNKNOWN_STATUS;
            default -> FLOOR;
        };
    }

    private static Duration queuedDelay(Duration waitingFor) {
        // Grow with the time already spent queued: a task queued for a minute rarely starts in the next 5 s.
        Duration grown = FLOOR.plus(waitingFor.dividedBy(4));
        return grown.compareTo(QUEUED_CEILING) > 0 ? QUEUED_CEILING : grown;
    }
}
