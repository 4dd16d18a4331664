package io.jenkins.plugins.runwayupscale.client;

/** CometAPI or Runway had trouble answering (HTTP 5xx, 408). */
public final class ServerErrorException extends RunwayException {
    private static final long serialVersionUID = 1L;
    private final int httpStatus;

    public ServerErrorException(String message, int httpStatus) {
        super(message);
        this.httpStatus = httpStatus;
    }

    public int getHttpStatus() {
        return httpStatus;
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
