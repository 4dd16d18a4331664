package io.jenkins.plugins.runwayupscale.client;

/** CometAPI refused the key (HTTP 401 or 403): missing, wrong, or out of quota. */
public final class AuthenticationException extends RunwayException {
    private static final long serialVersionUID = 2L;

    public AuthenticationException(String message) {
        this(message, CallFacts.LOCAL);
    }

    AuthenticationException(String description, CallFacts facts) {
        super(description, facts, null);
    }
}
