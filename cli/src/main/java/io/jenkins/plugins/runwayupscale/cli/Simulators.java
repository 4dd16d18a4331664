package io.jenkins.plugins.runwayupscale.cli;

import io.jenkins.plugins.runwayupscale.simulator.RunwaySimulator;
import io.jenkins.plugins.runwayupscale.simulator.TaskScenario;
import java.time.Duration;

/** Starts the simulator behind {@code --simulate}; tests swap in one they control. The command closes it. */
@FunctionalInterface
interface Simulators {
    /** A demo that finishes in about ten seconds: 5 s queued and 150 s running in task time, run 20x faster. */
    Simulators BUILT_IN = () -> RunwaySimulator.builder()
            .apiKey("simulated-key")
            .timeScale(0.05)
            .defaultScenario(
                    TaskScenario.standard().withTimes(Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(150)))
            .build()
            .start();

    RunwaySimulator start();
}
