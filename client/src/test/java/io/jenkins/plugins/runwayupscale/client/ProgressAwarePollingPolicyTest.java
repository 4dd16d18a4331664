package io.jenkins.plugins.runwayupscale.client;

import static io.jenkins.plugins.runwayupscale.client.Readings.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Pins the policy's decisions on hand-made task histories (virtual time: instants are data here). */
class ProgressAwarePollingPolicyTest {
    private static final Duration DENSE_LOW = ProgressAwarePollingPolicy.DENSE.minus(ProgressAwarePollingPolicy.JITTER);
    private static final Duration DENSE_HIGH = ProgressAwarePollingPolicy.DENSE.plus(ProgressAwarePollingPolicy.JITTER);

    private final ProgressAwarePollingPolicy policy = new ProgressAwarePollingPolicy();

    private Duration next(Readings r) {
        return policy.nextDelay(r.state());
    }

    private static final Duration LONGEST = ProgressAwarePollingPolicy.LONGEST;

    @Test
    void firstPollAtTheSdkCadenceWithoutEvidence() {
        assertThat(next(new Readings())).isBetween(DENSE_LOW, DENSE_HIGH);
    }

    @Test
    void withoutEvidenceEveryStatusIsReadAtTheSdkCadence() {
        Readings r = new Readings()
                .read(5, TaskStatus.PENDING, null)
                .read(11, TaskStatus.THROTTLED, null)
                .read(17, TaskStatus.THROTTLED, null);
        assertThat(next(r)).isBetween(DENSE_LOW, DENSE_HIGH);
        assertThat(next(r.read(23, TaskStatus.RUNNING, 0.1))).isBetween(DENSE_LOW, DENSE_HIGH);
        assertThat(next(r.read(29, TaskStatus.RUNNING, 0.2))).isBetween(DENSE_LOW, DENSE_HIGH);
        assertThat(next(new Readings().read(5, TaskStatus.PENDING, null).read(11, TaskStatus.RUNNING, null)))
                .isBetween(DENSE_LOW, DENSE_HIGH);
    }

    @Test
    void denseReadsAreJitteredRepeatably() {
        Readings a = new Readings("a").read(5, TaskStatus.RUNNING, null);
        Readings b = new Readings("b").read(5, TaskStatus.RUNNING, null);
        assertThat(next(a)).isNotEqualTo(next(b)).isEqualTo(next(a));
    }

    @Test
    void queuedTaskSleepsThroughTheShortestRunSeenButNeverLongerThanTheLongestWait() {
        learnRuns(12, 13, 20);
        // 0.8 of the shortest run (12 s): no end before 9.6 s from now.
        assertThat(next(new Readings().read(5, TaskStatus.PENDING, null))).isEqualTo(Duration.ofMillis(9_600));

        ProgressAwarePollingPolicy longRuns = new ProgressAwarePollingPolicy();
        learnRuns(longRuns, 100, 101, 20);
        assertThat(longRuns.nextDelay(new Readings().state())).isEqualTo(LONGEST);
        Readings throttled = new Readings().read(60, TaskStatus.THROTTLED, null);
        assertThat(longRuns.earliestEnd(throttled.state())).isEqualTo(T0.plusSeconds(140));
        assertThat(longRuns.nextDelay(throttled.state())).isEqualTo(LONGEST);
    }

    @Test
    void runningWithoutProgressSleepsUntilTheShortestRunCouldHaveEnded() {
        learnRuns(40, 41, 20);
        // Started between 5 s and 15 s: no end before 5 + 32 = 37 s.
        Readings r = new Readings().read(5, TaskStatus.PENDING, null).read(15, TaskStatus.RUNNING, null);
        assertThat(policy.earliestEnd(r.state())).isEqualTo(T0.plusSeconds(37));
        assertThat(next(r)).isEqualTo(LONGEST);
        assertThat(next(r.read(30, TaskStatus.RUNNING, null))).isEqualTo(Duration.ofSeconds(7));
        assertThat(next(r.read(37, TaskStatus.RUNNING, null))).isBetween(DENSE_LOW, DENSE_HIGH);
    }

    @Test
    void progressForetellsTheEndScaledByTheSmallestRatioSeen() {
        // Linear runs of 100 s from 10 s, read exactly at their end: progress foretold their length (ratio 1).
        for (int i = 0; i < 20; i++) {
            policy.taskFinished(new Readings()
                    .read(10, TaskStatus.PENDING, null)
                    .read(10, TaskStatus.RUNNING, 0.0)
                    .read(40, TaskStatus.RUNNING, 0.3)
                    .read(80, TaskStatus.RUNNING, 0.7)
                    .read(110, TaskStatus.RUNNING, 1.0)
                    .read(110, TaskStatus.SUCCEEDED, null)
                    .state());
        }
        // A slower task: 30% after 60 s foretells 200 s, and 0.8 of it ends no sooner than 10 + 160 s.
        Readings slow = new Readings()
                .read(10, TaskStatus.PENDING, null)
                .read(10, TaskStatus.RUNNING, 0.0)
                .read(70, TaskStatus.RUNNING, 0.3);
        assertThat(policy.earliestEnd(slow.state())).isEqualTo(T0.plusSeconds(170));
        assertThat(next(slow)).isEqualTo(LONGEST);
        // The same reading seen again later foretells the same end.
        assertThat(policy.earliestEnd(slow.read(130, TaskStatus.RUNNING, 0.3).state()))
                .isEqualTo(T0.plusSeconds(170));
        assertThat(next(slow.read(162, TaskStatus.RUNNING, 0.3))).isEqualTo(Duration.ofSeconds(8));
        // A reading in a tenth never seen before foretells nothing yet: the shortest run (0.8 of 100 s) bounds alone.
        Readings unseen = new Readings()
                .read(10, TaskStatus.PENDING, null)
                .read(10, TaskStatus.RUNNING, 0.0)
                .read(60, TaskStatus.RUNNING, 0.5);
        assertThat(policy.earliestEnd(unseen.state())).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void aTaskEndingBeforeTheFloorDropsTheEvidence() {
        learnRuns(100, 300, 20);
        assertThat(next(new Readings())).isEqualTo(LONGEST);

        learnRuns(20, 20, 1);

        assertThat(next(new Readings())).isBetween(DENSE_LOW, DENSE_HIGH);
        assertThat(next(new Readings().read(5, TaskStatus.PENDING, null))).isBetween(DENSE_LOW, DENSE_HIGH);
    }

    @Test
    void failedRunsCountAsEnds() {
        learnRuns(100, 300, 20);
        for (int i = 0; i < 20; i++) {
            policy.taskFinished(new Readings()
                    .read(5, TaskStatus.RUNNING, null)
                    .read(11, TaskStatus.RUNNING, null)
                    .read(17, TaskStatus.FAILED, null)
                    .state());
        }
        // Runs of at least 6 s: a queued task could end within any wait, so it is read at the SDK cadence.
        assertThat(next(new Readings().read(5, TaskStatus.PENDING, null))).isBetween(DENSE_LOW, DENSE_HIGH);
    }

    @Test
    void cancelledTasksTeachNothing() {
        for (int i = 0; i < 20; i++) {
            policy.taskFinished(new Readings()
                    .read(5, TaskStatus.RUNNING, null)
                    .read(11, TaskStatus.CANCELLED, null)
                    .state());
        }
        assertThat(next(new Readings())).isBetween(DENSE_LOW, DENSE_HIGH);
    }

    private void learnRuns(double shortest, double longest, int count) {
        learnRuns(policy, shortest, longest, count);
    }

    /** Runs seen starting at 10 s (read PENDING at 10 s, RUNNING at 10 s) and read ending exactly on time. */
    private static void learnRuns(ProgressAwarePollingPolicy p, double shortest, double longest, int count) {
        for (int i = 0; i < count; i++) {
            double seconds = shortest + (longest - shortest) * i / Math.max(1, count - 1);
            p.taskFinished(new Readings()
                    .read(10, TaskStatus.PENDING, null)
                    .read(10, TaskStatus.RUNNING, null)
                    .read(10 + seconds, TaskStatus.RUNNING, null)
                    .read(10 + seconds, TaskStatus.SUCCEEDED, null)
                    .state());
        }
    }
}
