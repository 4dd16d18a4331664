package io.jenkins.plugins.runwayupscale.simulator;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** The tasks submitted so far, and which scenario a new one follows. */
final class TaskStore {
    private final Map<String, SimulatedTask> tasks = new ConcurrentHashMap<>();
    private final List<ScenarioRule> rules = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final double timeScale;
    private final TaskScenario defaultScenario;

    TaskStore(Clock clock, double timeScale, TaskScenario defaultScenario) {
        this.clock = clock;
        this.timeScale = timeScale;
        this.defaultScenario = defaultScenario;
    }

    SimulatedTask create(String videoUri) {
        return create(videoUri, UUID.randomUUID().toString());
    }

    /** A task under an id chosen by a fault, which may be anything a hostile server would send. */
    SimulatedTask create(String videoUri, String id) {
        SimulatedTask task = new SimulatedTask(id, clock.instant(), scenarioFor(videoUri), timeScale);
        tasks.put(task.id(), task);
        return task;
    }

    /** The task with this id, or null. */
    SimulatedTask get(String id) {
        return tasks.get(id);
    }

    /** Newest rule first, so a test can override a broader rule set up earlier. */
    void addRule(Predicate<String> videoUri, TaskScenario scenario) {
        rules.add(0, new ScenarioRule(videoUri, scenario));
    }

    int size() {
        return tasks.size();
    }

    Set<String> ids() {
        return Set.copyOf(tasks.keySet());
    }

    void clear() {
        tasks.clear();
    }

    private TaskScenario scenarioFor(String videoUri) {
        for (ScenarioRule rule : rules) {
            if (rule.matches().test(videoUri)) {
                return rule.scenario();
            }
        }
        return defaultScenario;
    }

    private record ScenarioRule(Predicate<String> matches, TaskScenario scenario) {}
}
