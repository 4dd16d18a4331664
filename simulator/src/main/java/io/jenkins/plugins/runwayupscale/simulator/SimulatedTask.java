package io.jenkins.plugins.runwayupscale.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * One submitted task: its state is computed from its age and scenario, so no thread or timer exists per task and
 * ten thousand of them cost little memory.
 */
final class SimulatedTask {
    private final String id;
    private final Instant createdAt;
    private final TaskScenario scenario;
    private final double timeScale;
    private volatile Instant cancelledAt;

    SimulatedTask(String id, Instant createdAt, TaskScenario scenario, double timeScale) {
        this.id = id;
        this.createdAt = createdAt;
        this.scenario = scenario;
        this.timeScale = timeScale;
    }

    String id() {
        return id;
    }

    Instant createdAt() {
        return createdAt;
    }

    TaskScenario scenario() {
        return scenario;
    }

    /** Task time elapsed since creation at the given real time. */
    Duration age(Instant now) {
        long realMillis = Math.max(0, Duration.between(createdAt, now).toMillis());
        return Duration.ofMillis((long) (realMillis / timeScale));
    }

    TaskState stateAt(Instant now) {
        if (cancelledAt != null && !now.isBefore(cancelledAt)) {
            return new TaskState("CANCELLED", null);
        }
        Duration age = age(now);
        if (age.compareTo(scenario.pending()) < 0) {
            return new TaskState("PENDING", null);
        }
        Duration runningFrom = scenario.pending().plus(scenario.throttled());
        if (age.compareTo(runningFrom) < 0) {
            return new TaskState("THROTTLED", null);
        }
        if (age.compareTo(scenario.total()) < 0) {
            double fraction = (double) age.minus(runningFrom).toMillis() / Math.max(1, scenario.running().toMillis());
            return new TaskState("RUNNING", progress(fraction));
        }
        return switch (scenario.outcome()) {
            case SUCCEEDED -> new TaskState("SUCCEEDED", 1.0);
            case FAILED -> new TaskState("FAILED", null);
            case CANCELLED -> new TaskState("CANCELLED", null);
        };
    }

    private Double progress(double fraction) {
        return switch (scenario.progress()) {
            case SMOOTH -> Math.round(fraction * 10_000) / 10_000.0;
            case STEPWISE -> Math.floor(fraction * 4) / 4;
            case ABSENT -> null;
        };
    }

    /** Cancels a task that has not ended; false when it already had. */
    boolean cancel(Instant now) {
        String status = stateAt(now).status();
        if (status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED")) {
            return false;
        }
        cancelledAt = now;
        return true;
    }
}
