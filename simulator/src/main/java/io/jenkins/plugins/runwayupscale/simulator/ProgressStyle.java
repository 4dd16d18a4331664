package io.jenkins.plugins.runwayupscale.simulator;

/** How a simulated task reports progress while RUNNING. */
public enum ProgressStyle {
    /** A float rising smoothly from 0 to 1. */
    SMOOTH,
    /** Jumps of 25%. */
    STEPWISE,
    /** No progress field at all. */
    ABSENT
}
