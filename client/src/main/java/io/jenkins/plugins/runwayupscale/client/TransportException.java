package io.jenkins.plugins.runwayupscale.client;

/** The network failed: no connection, a timeout, or a connection reset. */
public final class TransportException extends RunwayException {
    private static final long serialVersionUID = 1L;
    private final boolean requestSent;

    public TransportException(String message, boolean requestSent, Throwable cause) {
        super(message, cause);
        this.requestSent = requestSent;
    }

    /** False when the request certainly never left this machine (refused, unknown host, connect timeout). */
    public boolean isRequestSent() {
        return requestSent;
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
