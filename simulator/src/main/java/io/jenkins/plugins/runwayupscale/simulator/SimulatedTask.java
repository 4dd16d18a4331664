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
        long realNanos = Math.max(0, Duration.between(createdAt, now).toNanos());
        return Duration.ofNanos((long) (realNanos / timeScale));
    }

    /** The real instant at which the task is {@code taskTime} old. */
    private Instant realAt(Duration taskTime) {
        return createdAt.plusNanos((long) (taskTime.toNanos() * timeScale));
    }

    TaskState stateAt(Instant now) {
        Instant runningFrom = realAt(scenario.runningFrom());
        Instant cancelled = cancelledAt;
        if (cancelled != null && !now.isBefore(cancelled)) {
            return new TaskState(
                    TaskState.CANCELLED, null, cancelled.isAfter(runningFrom) ? runningFrom : null, cancelled);
        }
        Duration age = age(now);
        if (age.compareTo(scenario.pending()) < 0) {
            return new TaskState(TaskState.PENDING, null, null, null);
        }
        if (age.compareTo(scenario.runningFrom()) < 0) {
            return new TaskState(TaskState.THROTTLED, null, null, null);
        }
        if (age.compareTo(scenario.total()) < 0) {
            double fraction = (double) age.minus(scenario.runningFrom()).toNanos()
                    / scenario.running().toNanos();
            return new TaskState(TaskState.RUNNING, progress(fraction), runningFrom, null);
        }
        Instant end = realAt(scenario.total());
        return switch (scenario.outcome()) {
            case SUCCEEDED ->
                new TaskState(
                        TaskState.SUCCEEDED,
                        scenario.progress() == ProgressStyle.ABSENT ? null : 1.0,
                        runningFrom,
                        end);
            case FAILED -> new TaskState(TaskState.FAILED, null, runningFrom, end);
            case CANCELLED -> new TaskState(TaskState.CANCELLED, null, runningFrom, end);
        };
    }

    private Double progress(double fraction) {
        return switch (scenario.progress()) {
            case SMOOTH -> Math.round(uneven(fraction) * 10_000) / 10_000.0;
            case STEPWISE -> Math.floor(fraction * 4) / 4;
            case ABSENT -> null;
        };
    }

    /**
     * Bends the even rise by a wave whose size is the scenario's noise. The wave is chosen so the slope stays at or
     * above zero and both ends stay at 0 and 1: progress looks irregular but never goes back, and the wave's shape
     * comes from the id so each task differs while every read of one task agrees.
     */
    private double uneven(double fraction) {
        double noise = scenario.progressNoise();
        if (noise == 0) {
            return fraction;
        }
        int hash = id.hashCode();
        int waves = 1 + (hash & 3);
        double phase = ((hash >>> 2) & 0xFFFF) / 65536.0 * 2 * Math.PI;
        double k = 2 * Math.PI * waves;
        double bent = fraction + noise * (Math.sin(k * fraction + phase) - Math.sin(phase)) / k;
        return Math.min(1, Math.max(0, bent));
    }

    /** Cancels a task that has not ended; false when it already had. */
    boolean cancel(Instant now) {
        if (stateAt(now).isFinished()) {
            return false;
        }
        cancelledAt = now;
        return true;
    }
}
