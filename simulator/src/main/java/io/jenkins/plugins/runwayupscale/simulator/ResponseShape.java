package io.jenkins.plugins.runwayupscale.simulator;

/** Which of CometAPI's documented shapes a task read answers in. */
public enum ResponseShape {
    /** The bare Runway task. */
    BARE,
    /** CometAPI's wrapper with the Runway task nested in {@code data.data}. */
    WRAPPED,
    /** CometAPI's wrapper alone: clients must fall back on {@code data.status}, {@code data.progress} and so on. */
    WRAPPED_WITHOUT_TASK
}
