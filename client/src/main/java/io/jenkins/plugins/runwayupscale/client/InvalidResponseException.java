package io.jenkins.plugins.runwayupscale.client;

/** CometAPI answered something we cannot use: not JSON, an HTML page, a redirect, or a reply missing what it must hold. */
public final class InvalidResponseException extends RunwayException {
    private static final long serialVersionUID = 2L;

    public InvalidResponseException(String message) {
        this(message, CallFacts.LOCAL);
    }

    InvalidResponseException(String description, CallFacts facts) {
        super(description, facts, null);
    }
}
