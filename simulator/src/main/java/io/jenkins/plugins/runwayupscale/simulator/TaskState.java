package io.jenkins.plugins.runwayupscale.simulator;

/**
 * A task as it stands at one moment.
 *
 * @param status Runway status
 * @param progress 0..1, or null when none is reported
 */
record TaskState(String status, Double progress) {
    boolean isSucceeded() {
        return status.equals("SUCCEEDED");
    }
}
