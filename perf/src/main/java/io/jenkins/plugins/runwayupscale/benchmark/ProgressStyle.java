package io.jenkins.plugins.runwayupscale.benchmark;

/** How a simulated task reports progress while RUNNING. */
enum ProgressStyle {
    SMOOTH,
    STEPWISE,
    ABSENT
}
