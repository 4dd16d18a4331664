package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** A fixed interval with uniform jitter, as Runway's SDKs poll (6 s ± 1.5 s): the baseline to compare with. */
public final class FixedPollingPolicy implements PollingPolicy {
    private final Duration interval;
    private final Duration jitter;
    private final RandomGenerator random;

    public FixedPollingPolicy(Duration interval, Duration jitter, RandomGenerator random) {
        this.interval = interval;
        this.jitter = jitter;
        this.random = random;
    }

    /** Runway's official SDKs: every 6 s ± 1.5 s. */
    public static FixedPollingPolicy sdkBaseline(RandomGenerator random) {
        return new FixedPollingPolicy(Duration.ofSeconds(6), Duration.ofMillis(1500), random);
    }

    @Override
    public Duration nextDelay(PollState state) {
        long spread = jitter.toMillis();
        long offset = spread == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * spread);
        return Duration.ofMillis(Math.max(0, interval.toMillis() + offset));
    }
}
