package io.jenkins.plugins.runwayupscale.client;

/**
 * How a best-effort cancel went. Never an exception: cancelling is what we do when we are already giving up.
 *
 * @param outcome what happened
 * @param detail a sentence for the log
 */
public record CancelResult(Outcome outcome, String detail) {
    /** The three ways a cancel can end. */
    public enum Outcome {
        /** CometAPI accepted the cancel. */
        CANCELLED,
        /** CometAPI has no cancel route here (HTTP 404 or 405). */
        NOT_SUPPORTED,
        /** The cancel could not be delivered or was refused. */
        FAILED
    }
}
