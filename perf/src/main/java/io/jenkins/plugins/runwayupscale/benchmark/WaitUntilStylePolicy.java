package io.jenkins.plugins.runwayupscale.benchmark;

import io.jenkins.plugins.runwayupscale.client.PollState;
import io.jenkins.plugins.runwayupscale.client.PollingPolicy;
import java.time.Duration;

/** Jenkins' {@code waitUntil} step's schedule: 0.25 s, growing by 1.2 each time, up to 15 s. */
final class WaitUntilStylePolicy implements PollingPolicy {
    @Override
    public Duration nextDelay(PollState state) {
        double seconds = Math.min(15, 0.25 * Math.pow(1.2, state.polls()));
        return Duration.ofMillis((long) (seconds * 1000));
    }
}
