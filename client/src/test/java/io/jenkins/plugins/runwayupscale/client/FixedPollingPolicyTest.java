package io.jenkins.plugins.runwayupscale.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FixedPollingPolicyTest {
    @Test
    void sdkBaselinePollsEverySixSecondsPlusOrMinusOneAndAHalf() {
        FixedPollingPolicy policy = FixedPollingPolicy.sdkBaseline(new SplittableRandom(1));
        PollState state = new PollState(
                "t", "upscale_v1", Instant.EPOCH, Instant.EPOCH, 0, null, null, null, null, null, List.of());
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1000; i++) {
            long ms = policy.nextDelay(state).toMillis();
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }
        assertThat(min).isBetween(4_500L, 4_700L);
        assertThat(max).isBetween(7_300L, 7_500L);
        assertThat(policy.nextDelay(state)).isBetween(Duration.ofMillis(4_500), Duration.ofMillis(7_500));
    }
}
