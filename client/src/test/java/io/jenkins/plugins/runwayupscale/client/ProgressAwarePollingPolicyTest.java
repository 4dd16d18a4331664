package io.jenkins.plugins.runwayupscale.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Pins the policy's decisions on hand-made task histories (virtual time: instants are data here). */
class ProgressAwarePollingPolicyTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final ProgressAwarePollingPolicy policy = new ProgressAwarePollingPolicy();

    /** Builds the state a waiter would hand over after a series of readings. */
    private static final class History {
        private final List<PollState.Observation> observations = new ArrayList<>();
        private Instant statusSince;
        private Instant runningFrom;
        private Instant runningSeenAt;
        private Instant lastAt;

        History read(double secondsAfterSubmission, TaskStatus status, Double progress) {
            Instant at = T0.plusMillis((long) (secondsAfterSubmission * 1000));
            PollState.Observation previous = observations.isEmpty() ? null : observations.get(observations.size() - 1);
            if (previous == null || previous.status() != status) {
                statusSince = at;
            }
            if (runningFrom == null && status == TaskStatus.RUNNING) {
                runningFrom = lastAt == null ? T0 : lastAt;
                runningSeenAt = at;
            }
            observations.add(new PollState.Observation(at, status, progress));
            lastAt = at;
            return this;
        }

        PollState state() {
            PollState.Observation last = observations.isEmpty() ? null : observations.get(observations.size() - 1);
            RunwayTask task = last == null
                    ? null
                    : new RunwayTask(
                            "t", last.status(), last.status().name(), last.progress(), List.of(), null, null, null);
            Instant now = lastAt == null ? T0 : lastAt;
            return new PollState(
                    "t",
                    "upscale_v1",
                    T0,
                    now,
                    observations.size(),
                    task,
                    statusSince,
                    runningFrom,
                    runningSeenAt,
                    List.copyOf(observations.subList(Math.max(0, observations.size() - 16), observations.size())));
        }
    }

    private Duration next(History h) {
        return policy.nextDelay(h.state());
    }

    @Test
    void firstPollFiveSecondsAfterSubmission() {
        assertThat(next(new History())).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void pendingIsReadEveryFifteenSeconds() {
        assertThat(next(new History().read(5, TaskStatus.PENDING, null))).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void throttledBacksOffAsLongAsItHasBeenThrottledBetweenTenAndSixtySeconds() {
        History h = new History().read(5, TaskStatus.THROTTLED, null);
        assertThat(next(h)).isEqualTo(Duration.ofSeconds(10));
        assertThat(next(h.read(15, TaskStatus.THROTTLED, null).read(30, TaskStatus.THROTTLED, null)))
                .isEqualTo(Duration.ofSeconds(25));
        assertThat(next(h.read(300, TaskStatus.THROTTLED, null))).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void runningWithoutProgressOrHistoryIsReadEverySixSeconds() {
        History h = new History().read(5, TaskStatus.PENDING, null).read(20, TaskStatus.RUNNING, null);
        assertThat(next(h)).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void runningWithoutProgressSleepsThroughTheStretchPastRunsNeverEndedIn() {
        learnRuns(Duration.ofSeconds(80), Duration.ofSeconds(120), 40);
        History early = new History().read(5, TaskStatus.RUNNING, null).read(10, TaskStatus.RUNNING, null);
        History late = new History().read(5, TaskStatus.RUNNING, null).read(90, TaskStatus.RUNNING, null);

        assertThat(next(early)).isEqualTo(Duration.ofSeconds(30));
        assertThat(next(late)).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void smoothProgressSleepsUntilTheEarliestFinishThenPollsDensely() {
        // A run from t=10 s to t=110 s, read at 20 s and 30 s: 10% and 20%.
        History h = new History()
                .read(5, TaskStatus.PENDING, null)
                .read(20, TaskStatus.RUNNING, 0.10)
                .read(30, TaskStatus.RUNNING, 0.20);
        Instant earliest =
                RunModel.of(h.state(), ProgressAwarePollingPolicy.NOISE).reaching(1)[0];
        Duration wait = next(h);
        assertThat(wait).isGreaterThan(ProgressAwarePollingPolicy.DENSE);
        assertThat(T0.plusSeconds(30).plus(wait)).isBeforeOrEqualTo(earliest);

        History nearEnd = h.read(80, TaskStatus.RUNNING, 0.70).read(104, TaskStatus.RUNNING, 0.94);
        assertThat(next(nearEnd)).isEqualTo(ProgressAwarePollingPolicy.DENSE);
    }

    @Test
    void smoothProgressNeverWaitsPastItsEarliestPossibleFinish() {
        // A run from t=5 s to t=105 s.
        History h = new History()
                .read(5, TaskStatus.PENDING, null)
                .read(15, TaskStatus.RUNNING, 0.10)
                .read(25, TaskStatus.RUNNING, 0.20)
                .read(65, TaskStatus.RUNNING, 0.60);
        RunModel model = RunModel.of(h.state(), ProgressAwarePollingPolicy.NOISE);
        Instant earliest = model.reaching(1)[0];

        assertThat(earliest).isBefore(T0.plusSeconds(105));
        assertThat(T0.plusSeconds(65).plus(next(h))).isBeforeOrEqualTo(earliest.plus(ProgressAwarePollingPolicy.DENSE));
    }

    @Test
    void stepwiseProgressAimsAtTheNextJumpNotAtTheFinish() {
        // Jumps of 25% every 30 s from t=10 s: 0.25 at 40 s, 0.5 at 70 s.
        History h = new History()
                .read(5, TaskStatus.PENDING, null)
                .read(20, TaskStatus.RUNNING, 0.0)
                .read(45, TaskStatus.RUNNING, 0.25)
                .read(60, TaskStatus.RUNNING, 0.25)
                .read(75, TaskStatus.RUNNING, 0.5);
        RunModel model = RunModel.of(h.state(), ProgressAwarePollingPolicy.NOISE);
        assertThat(model.step()).isEqualTo(0.25);
        Instant[] nextJump = model.reaching(0.75);
        assertThat(nextJump[0]).isBefore(T0.plusSeconds(100)).isAfter(T0.plusSeconds(75));
        assertThat(nextJump[1]).isAfter(T0.plusSeconds(100));

        Duration wait = next(h);
        assertThat(T0.plusSeconds(75).plus(wait)).isBeforeOrEqualTo(nextJump[0].plus(ProgressAwarePollingPolicy.JUMP));
    }

    @Test
    void runModelBoundsContainTheTruthForNoisyAndStepwiseRuns() {
        SplittableRandom random = new SplittableRandom(3);
        for (int run = 0; run < 200; run++) {
            double start = 2 + random.nextDouble() * 20;
            double length = 20 + random.nextDouble() * 300;
            boolean stepwise = run % 2 == 0;
            History h = new History().read(1, TaskStatus.PENDING, null);
            double t = start + 1;
            while (t < start + length * 0.9) {
                double f = (t - start) / length;
                double shown = stepwise
                        ? Math.floor(f * 4) / 4
                        : Math.max(0, Math.min(1, f + (random.nextDouble() * 2 - 1) * 0.03));
                h.read(t, TaskStatus.RUNNING, shown);
                t += 5 + random.nextDouble() * 20;
            }
            RunModel model = RunModel.of(h.state(), ProgressAwarePollingPolicy.NOISE);
            if (model == null) {
                continue;
            }
            Instant[] finish = model.reaching(1);
            Instant truth = T0.plusMillis((long) ((start + length) * 1000));
            assertThat(truth).as("run %d", run).isBetween(finish[0].minusSeconds(1), finish[1].plusSeconds(1));
        }
    }

    @Test
    void neverPollsSoonerThanFiveSecondsNorLaterThanSixty() {
        SplittableRandom random = new SplittableRandom(9);
        learnRuns(Duration.ofSeconds(20), Duration.ofSeconds(600), 100);
        for (int i = 0; i < 2000; i++) {
            History h = new History();
            double t = 5;
            int readings = 1 + random.nextInt(12);
            double progress = 0;
            for (int r = 0; r < readings; r++) {
                TaskStatus status = TaskStatus.values()[random.nextInt(3)];
                Double shown = null;
                if (status == TaskStatus.RUNNING && random.nextBoolean()) {
                    progress = Math.min(0.99, progress + random.nextDouble() * 0.2);
                    shown = random.nextBoolean() ? Math.floor(progress * 4) / 4 : progress;
                }
                h.read(t, status, shown);
                t += 5 + random.nextDouble() * 55;
            }
            assertThat(next(h)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(60));
        }
    }

    @Test
    void learnsOnlyFromSucceededRuns() {
        for (int i = 0; i < 20; i++) {
            History h = new History()
                    .read(5, TaskStatus.RUNNING, null)
                    .read(20, TaskStatus.RUNNING, null)
                    .read(26, TaskStatus.FAILED, null);
            policy.taskFinished(h.state());
        }
        History running = new History().read(5, TaskStatus.RUNNING, null).read(10, TaskStatus.RUNNING, null);
        assertThat(next(running)).isEqualTo(Duration.ofSeconds(6));
    }

    private void learnRuns(Duration shortest, Duration longest, int count) {
        for (int i = 0; i < count; i++) {
            double seconds = shortest.toSeconds()
                    + (longest.toSeconds() - shortest.toSeconds()) * i / (double) Math.max(1, count - 1);
            History h = new History()
                    .read(5, TaskStatus.PENDING, null)
                    .read(10, TaskStatus.RUNNING, null)
                    .read(10 + seconds, TaskStatus.RUNNING, null)
                    .read(10 + seconds + 1, TaskStatus.SUCCEEDED, null);
            policy.taskFinished(h.state());
        }
    }
}
