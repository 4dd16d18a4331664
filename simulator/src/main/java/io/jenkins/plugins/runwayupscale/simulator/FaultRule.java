package io.jenkins.plugins.runwayupscale.simulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When to inject a fault: requests of a method whose path starts with a prefix, either the first N of them, or
 * (for task reads) during the first seconds of each task's life.
 */
public final class FaultRule {
    private final String method;
    private final String pathPrefix;
    private final Fault fault;
    private final int times;
    private final Duration taskAgeBelow;
    private final AtomicInteger used = new AtomicInteger();

    private FaultRule(String method, String pathPrefix, Fault fault, int times, Duration taskAgeBelow) {
        this.method = method;
        this.pathPrefix = pathPrefix;
        this.fault = fault;
        this.times = times;
        this.taskAgeBelow = taskAgeBelow;
    }

    /** The first {@code times} matching requests get the fault ({@code Integer.MAX_VALUE} for all). */
    public static FaultRule first(int times, String method, String pathPrefix, Fault fault) {
        return new FaultRule(method, pathPrefix, fault, times, null);
    }

    /** Every request to a task younger than {@code age} (in task time) gets the fault. */
    public static FaultRule whileTaskYoungerThan(Duration age, String method, Fault fault) {
        return new FaultRule(method, RunwaySimulator.TASKS_PATH, fault, Integer.MAX_VALUE, age);
    }

    Fault fault() {
        return fault;
    }

    boolean matches(String requestMethod, String path, SimulatedTask task, java.time.Instant now) {
        if (!method.equalsIgnoreCase(requestMethod) || !path.startsWith(pathPrefix)) {
            return false;
        }
        if (taskAgeBelow != null) {
            return task != null && task.age(now).compareTo(taskAgeBelow) < 0;
        }
        return used.getAndIncrement() < times;
    }
}
