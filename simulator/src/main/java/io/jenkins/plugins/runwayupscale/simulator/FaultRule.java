package io.jenkins.plugins.runwayupscale.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When to inject a fault: requests of a method ({@code "*"} for any) whose path starts with a prefix, narrowed by
 * the task they name and triggered for the first N of them, at random with a seed, or for each one.
 */
public final class FaultRule {
    private enum TaskCondition {
        ANY,
        YOUNGER_THAN,
        UNKNOWN
    }

    private final String method;
    private final String pathPrefix;
    private final Fault fault;
    private final TaskCondition taskCondition;
    private final Duration taskAge;
    private final int times;
    private final double probability;
    private final Random random;
    private final AtomicInteger used = new AtomicInteger();

    private FaultRule(
            String method,
            String pathPrefix,
            Fault fault,
            TaskCondition taskCondition,
            Duration taskAge,
            int times,
            double probability,
            Random random) {
        this.method = Objects.requireNonNull(method, "method");
        this.pathPrefix = Objects.requireNonNull(pathPrefix, "pathPrefix");
        this.fault = Objects.requireNonNull(fault, "fault");
        this.taskCondition = taskCondition;
        this.taskAge = taskAge;
        this.times = times;
        this.probability = probability;
        this.random = random;
    }

    /** The first {@code times} matching requests get the fault ({@code Integer.MAX_VALUE} for all). */
    public static FaultRule first(int times, String method, String pathPrefix, Fault fault) {
        return new FaultRule(method, pathPrefix, fault, TaskCondition.ANY, null, times, 1, null);
    }

    /** Every matching request gets the fault. */
    public static FaultRule always(String method, String pathPrefix, Fault fault) {
        return first(Integer.MAX_VALUE, method, pathPrefix, fault);
    }

    /** Each matching request gets the fault with this probability; the seed makes a run repeatable. */
    public static FaultRule withProbability(
            double probability, long seed, String method, String pathPrefix, Fault fault) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be between 0 and 1");
        }
        return new FaultRule(
                method, pathPrefix, fault, TaskCondition.ANY, null, Integer.MAX_VALUE, probability, new Random(seed));
    }

    /** Every request to a task younger than {@code age} (in task time) gets the fault, e.g. task_not_exist. */
    public static FaultRule whileTaskYoungerThan(Duration age, String method, Fault fault) {
        return new FaultRule(
                method,
                RunwaySimulator.TASKS_PATH,
                fault,
                TaskCondition.YOUNGER_THAN,
                Objects.requireNonNull(age, "age"),
                Integer.MAX_VALUE,
                1,
                null);
    }

    /** Every request naming a task the simulator does not know gets the fault (instead of 404). */
    public static FaultRule forUnknownTasks(String method, Fault fault) {
        return new FaultRule(
                method, RunwaySimulator.TASKS_PATH, fault, TaskCondition.UNKNOWN, null, Integer.MAX_VALUE, 1, null);
    }

    Fault fault() {
        return fault;
    }

    boolean matches(String requestMethod, String path, SimulatedTask task, Instant now) {
        if (!(method.equals("*") || method.equalsIgnoreCase(requestMethod)) || !path.startsWith(pathPrefix)) {
            return false;
        }
        boolean taskMatches =
                switch (taskCondition) {
                    case ANY -> true;
                    case YOUNGER_THAN -> task != null && task.age(now).compareTo(taskAge) < 0;
                    case UNKNOWN -> task == null;
                };
        if (!taskMatches) {
            return false;
        }
        if (random != null) {
            synchronized (random) {
                return random.nextDouble() < probability;
            }
        }
        if (times == Integer.MAX_VALUE) {
            return true;
        }
        // Counting only requests that got this far keeps "first N" about the requests the rule describes.
        return used.getAndIncrement() < times;
    }

    @Override
    public String toString() {
        return "FaultRule[" + method + " " + pathPrefix + "* -> " + fault.kind() + "]";
    }
}
