package io.jenkins.plugins.runwayupscale.simulator;

/** How a simulated task ends. */
public enum Outcome {
    SUCCEEDED, FAILED, CANCELLED
}
