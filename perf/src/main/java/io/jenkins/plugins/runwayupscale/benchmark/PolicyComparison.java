package io.jenkins.plugins.runwayupscale.benchmark;

import io.jenkins.plugins.runwayupscale.client.ApiKey;
import io.jenkins.plugins.runwayupscale.client.EngineConfig;
import io.jenkins.plugins.runwayupscale.client.PollingPolicy;
import io.jenkins.plugins.runwayupscale.client.RunwayClient;
import io.jenkins.plugins.runwayupscale.client.RunwayEngine;
import io.jenkins.plugins.runwayupscale.client.RunwaySettings;
import io.jenkins.plugins.runwayupscale.client.VirtualScheduler;
import io.jenkins.plugins.runwayupscale.client.WaitListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Runs the real engine (waiter, parser, policy) over the generated workload in virtual time, once per policy, and
 * measures polls per task and how long after the real finish each task was seen finished.
 */
final class PolicyComparison {
    /**
     * What one policy did.
     *
     * @param polls polls per task
     * @param delays detection delay per task, seconds
     * @param failures tasks whose wait did not succeed
     */
    record Result(Stats polls, Stats delays, int failures) {}

    private final List<TaskPlan> plans;

    PolicyComparison(List<TaskPlan> plans) {
        this.plans = plans;
    }

    Result run(Supplier<PollingPolicy> policyFactory) throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler(Family.EPOCH);
        InMemoryRunway runway = new InMemoryRunway(plans, scheduler);
        RunwayEngine engine = RunwayEngine.builder()
                // The policies are compared, not the request budget: it stays out of the way.
                .config(EngineConfig.builder().maxRequestsPerSecond(10_000).build())
                .transport(runway)
                .scheduler(scheduler)
                .random(new SplittableRandom(11))
                .pollingPolicy(policyFactory.get())
                .build();
        RunwayClient client = engine.client(
                RunwaySettings.builder()
                        .baseUrl("https://api.example.com")
                        .waitTimeout(Duration.ofHours(3))
                        .build(),
                ApiKey.of("benchmark-key"));
        Instant[] seenDone = new Instant[plans.size()];
        int[] failures = new int[1];
        for (int i = 0; i < plans.size(); i++) {
            TaskPlan plan = plans.get(i);
            int index = i;
            scheduler.schedule(Duration.between(scheduler.now(), plan.submitAt()), () -> {
                try {
                    client.waitForTask(plan.id(), WaitListener.NONE).whenComplete((task, error) -> {
                        if (error == null) {
                            seenDone[index] = scheduler.now();
                        } else {
                            failures[0]++;
                        }
                    });
                } catch (Exception e) {
                    failures[0]++;
                }
            });
        }
        while (scheduler.runNext()) {
            // virtual time: everything runs on this thread, in time order
        }
        engine.close();
        return summarize(runway, seenDone, failures[0]);
    }

    private Result summarize(InMemoryRunway runway, Instant[] seenDone, int failures) {
        double[] polls = new double[plans.size()];
        List<Double> delays = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            TaskPlan plan = plans.get(i);
            polls[i] = runway.reads(plan.id());
            if (seenDone[i] != null) {
                delays.add(Duration.between(plan.finishAt(), seenDone[i]).toMillis() / 1000.0);
            }
        }
        return new Result(
                Stats.of(polls), Stats.of(delays.stream().mapToDouble(d -> d).toArray()), failures);
    }
}
