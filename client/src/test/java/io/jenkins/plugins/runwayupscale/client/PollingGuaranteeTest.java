package io.jenkins.plugins.runwayupscale.client;

import static io.jenkins.plugins.runwayupscale.client.Readings.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The policy's promise over thousands of random tasks (seeded, so failures repeat): no wait longer than the SDKs'
 * longest gap while the calibration allows an end within it, every wait within 5-60 s (in fact 5-10.5 s), and so,
 * wherever the calibration held, no end noticed later than the SDKs' longest gap, and none later than 10.5 s anyway. Tasks of all kinds follow one another, so the
 * calibration is trained, contradicted and rebuilt along the way.
 */
class PollingGuaranteeTest {
    private static final Duration SDK_LONGEST = ProgressAwarePollingPolicy.SDK_LONGEST;

    /** One random task: when it runs, and what it shows. */
    private record Trace(double pending, double throttled, double run, int shape, double stopAt, long seed) {
        static Trace random(SplittableRandom r) {
            double scale = r.nextDouble() < 0.5 ? 20 + r.nextDouble() * 200 : Math.exp(1 + r.nextDouble() * 6);
            return new Trace(
                    r.nextDouble() * 30,
                    r.nextDouble() < 0.2 ? r.nextDouble() * 400 : 0,
                    scale,
                    r.nextInt(7),
                    0.7 + r.nextDouble() * 0.3,
                    r.nextLong());
        }

        double end() {
            return pending + throttled + run;
        }

        TaskStatus status(double t) {
            if (t >= end()) {
                return TaskStatus.SUCCEEDED;
            }
            if (t < pending) {
                return TaskStatus.PENDING;
            }
            return t < pending + throttled ? TaskStatus.THROTTLED : TaskStatus.RUNNING;
        }

        /** Progress in many shapes, most of them not linear in time. */
        Double progress(double t) {
            double f = (t - pending - throttled) / run;
            double shown =
                    switch (shape) {
                        case 0 -> f + (new SplittableRandom(seed ^ (long) (t * 1000)).nextDouble() - 0.5) * 0.1;
                        case 1 -> f * f * (3 - 2 * f);
                        case 2 -> 1 - (1 - f) * (1 - f);
                        case 3 -> Math.min(f / 0.3, 0.95);
                        case 4 -> f * stopAt;
                        case 5 -> Math.floor(Math.sqrt(f) * 4) / 4;
                        default -> Double.NaN;
                    };
            return Double.isNaN(shown) ? null : Math.max(0, Math.min(1, shown));
        }
    }

    @Test
    void noLongWaitWhereAnEndIsPossibleAndEveryWaitWithinFiveToSixtySeconds() {
        int longWaits = 0;
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            ProgressAwarePollingPolicy policy = new ProgressAwarePollingPolicy();
            for (int task = 0; task < 200; task++) {
                longWaits += follow(policy, Trace.random(random), "seed " + seed + " task " + task);
            }
        }
        // The promise is not kept by never sleeping: the evidence did allow long waits.
        assertThat(longWaits).isGreaterThan(1000);
    }

    /** Reads one task to its end as a waiter would, checking every decision; returns how many waits were long. */
    private static int follow(ProgressAwarePollingPolicy policy, Trace trace, String what) {
        Readings readings = new Readings("task-" + trace.seed());
        double now = 0;
        boolean boundsHeld = true;
        int longWaits = 0;
        while (true) {
            PollState state = readings.state(at(now));
            Duration wait = policy.nextDelay(state);
            Instant earliest = policy.earliestEnd(state);
            assertThat(wait).as(what).isBetween(Duration.ofSeconds(5), ProgressAwarePollingPolicy.LONGEST);
            if (wait.compareTo(SDK_LONGEST) > 0) {
                longWaits++;
                assertThat(earliest).as(what).isNotNull();
                assertThat(at(now).plus(wait)).as(what).isBeforeOrEqualTo(earliest);
            }
            if (earliest != null && earliest.isAfter(at(trace.end()))) {
                boundsHeld = false;
            }
            now += wait.toMillis() / 1000.0;
            TaskStatus status = trace.status(now);
            readings.read(at(now), status, status == TaskStatus.RUNNING ? trace.progress(now) : null);
            if (status.isTerminal()) {
                policy.taskFinished(readings.state());
                double delay = now - trace.end();
                assertThat(delay).as(what).isLessThanOrEqualTo(ProgressAwarePollingPolicy.LONGEST.toMillis() / 1000.0);
                if (boundsHeld) {
                    assertThat(delay).as(what).isLessThanOrEqualTo(SDK_LONGEST.toMillis() / 1000.0);
                }
                return longWaits;
            }
        }
    }

    @Test
    void theDeadlineIsNeverPassedAndReadsStayFiveSecondsApartUntilIt() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        for (int run = 0; run < 50; run++) {
            ProgressAwarePollingPolicy policy = new ProgressAwarePollingPolicy();
            for (int i = 0; i < 20; i++) {
                follow(policy, new Trace(5, 0, 300 + random.nextDouble() * 100, 6, 1, i), "training");
            }
            Duration timeout = Duration.ofMillis(20_000 + random.nextLong(600_000));
            List<Instant> reads = readUntilTimeout(policy, timeout);

            Instant deadline = T0.plus(timeout);
            assertThat(reads).last().isEqualTo(deadline);
            for (int i = 1; i < reads.size() - 1; i++) {
                Duration gap = Duration.between(reads.get(i - 1), reads.get(i));
                assertThat(gap).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(60));
            }
        }
    }

    /** A task that runs for ever, waited on by the real engine in virtual time: when was it read? */
    private static List<Instant> readUntilTimeout(PollingPolicy policy, Duration timeout) throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler(T0);
        List<Instant> reads = new ArrayList<>();
        HttpTransport forever = new AnsweringTransport(call -> {
            reads.add(scheduler.now());
            return new HttpAnswer(200, Map.of(), "{\"id\":\"t-1\",\"status\":\"RUNNING\"}");
        });
        try (RunwayEngine engine = RunwayEngine.builder()
                .transport(forever)
                .scheduler(scheduler)
                .pollingPolicy(policy)
                .build()) {
            RunwayClient client = engine.client(
                    RunwaySettings.builder().baseUrl("https://api.example.com").build(), ApiKey.of("sk-test-1"));
            CompletableFuture<RunwayTask> wait = client.waitForTask("t-1", T0, T0.plus(timeout), WaitListener.NONE);
            while (scheduler.runNext()) {
                // virtual time
            }
            assertThat(wait)
                    .failsWithin(Duration.ZERO)
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(TaskTimedOutException.class);
        }
        return reads;
    }

    private static Instant at(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }
}
