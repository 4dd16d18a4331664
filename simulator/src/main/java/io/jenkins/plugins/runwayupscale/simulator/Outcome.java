package io.jenkins.plugins.runwayupscale.simulator;

/** How a simulated task ends. */
public enum Outcome {
    /** SUCCEEDED, with an output the simulator serves. */
    SUCCEEDED,
    /** FAILED, with the scenario's failure code and text. */
    FAILED,
    /** CANCELLED on Runway's side. */
    CANCELLED
}
