package io.jenkins.plugins.runwayupscale.client;

/** The request was rejected as invalid, either by our own checks before sending or by CometAPI (HTTP 400). */
public final class InvalidInputException extends RunwayException {
    private static final long serialVersionUID = 1L;
    private final boolean sent;

    private InvalidInputException(String message, boolean sent) {
        super(message);
        this.sent = sent;
    }

    /** A problem found before anything was sent. */
    public static InvalidInputException local(String field, String problem) {
        return new InvalidInputException(field + ": " + problem, false);
    }

    /** A request CometAPI refused as invalid. */
    public static InvalidInputException rejected(String message) {
        return new InvalidInputException(message, true);
    }

    /** True when the request reached CometAPI; false when our own validation stopped it first. */
    public boolean wasSent() {
        return sent;
    }
}
