package io.jenkins.plugins.runwayupscale.client;

/** Base of every failure the engine reports; messages are written for the user and never hold the API key. */
public abstract class RunwayException extends Exception {
    private static final long serialVersionUID = 1L;

    protected RunwayException(String message) {
        super(message);
    }

    protected RunwayException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the same call may succeed if made again later (used by retry rules, not by callers' loops). */
    public boolean isTransient() {
        return false;
    }
}
