package io.jenkins.plugins.runwayupscale.client;

/** The request was rejected as invalid, either by our own checks before sending or by CometAPI (HTTP 400). */
public final class InvalidInputException extends RunwayException {
    private static final long serialVersionUID = 2L;

    private InvalidInputException(String description, CallFacts facts) {
        super(description, facts, null);
    }

    /** A problem found before anything was sent. */
    public static InvalidInputException local(String field, String problem) {
        return new InvalidInputException(field + ": " + problem, CallFacts.LOCAL);
    }

    /** A request CometAPI refused as invalid. */
    static InvalidInputException rejected(String description, CallFacts facts) {
        return new InvalidInputException(description, facts);
    }

    /** True when the request reached CometAPI; false when our own validation stopped it first. */
    public boolean wasSent() {
        return statusCode() != 0;
    }
}
