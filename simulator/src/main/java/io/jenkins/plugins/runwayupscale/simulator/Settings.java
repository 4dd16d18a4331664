package io.jenkins.plugins.runwayupscale.simulator;

import java.time.Clock;
import java.util.Set;

/**
 * What a simulator was built with, fixed at {@code build()} so that changing the builder later changes nothing.
 * Holds the key only to hand it to the request check; it has no {@code toString} that shows it.
 */
record Settings(
        String apiKey,
        int port,
        double timeScale,
        Clock clock,
        TaskScenario defaultScenario,
        ResponseShape shape,
        int recordLimit,
        int threads,
        Set<String> models) {

    @Override
    public String toString() {
        return "Settings[port=" + port + ", timeScale=" + timeScale + ", shape=" + shape + ", models=" + models + "]";
    }
}
