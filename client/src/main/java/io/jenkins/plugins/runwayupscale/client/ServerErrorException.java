package io.jenkins.plugins.runwayupscale.client;

/** CometAPI or Runway had trouble answering (HTTP 5xx, 408); {@link #statusCode()} says which. */
public final class ServerErrorException extends RunwayException {
    private static final long serialVersionUID = 2L;

    ServerErrorException(String description, CallFacts facts) {
        super(description, facts, null);
    }
}
