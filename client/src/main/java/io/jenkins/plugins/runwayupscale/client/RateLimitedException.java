package io.jenkins.plugins.runwayupscale.client;

/** CometAPI asked us to slow down (HTTP 429) and retries ran out before it let us through. */
public final class RateLimitedException extends RunwayException {
    private static final long serialVersionUID = 2L;

    RateLimitedException(String description, CallFacts facts) {
        super(description, facts, null);
    }
}
