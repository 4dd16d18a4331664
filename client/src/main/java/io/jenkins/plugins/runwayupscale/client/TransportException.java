package io.jenkins.plugins.runwayupscale.client;

/** The network failed: no connection, a timeout, or a connection reset. */
public final class TransportException extends RunwayException {
    private static final long serialVersionUID = 2L;
    private final boolean requestSent;

    public TransportException(String message, boolean requestSent, Throwable cause) {
        this(message, CallFacts.LOCAL, requestSent, cause);
    }

    TransportException(String description, CallFacts facts, boolean requestSent, Throwable cause) {
        super(description, facts, cause);
        this.requestSent = requestSent;
    }

    /** False when the request certainly never left this machine (refused, unknown host, connect timeout). */
    public boolean isRequestSent() {
        return requestSent;
    }
}
