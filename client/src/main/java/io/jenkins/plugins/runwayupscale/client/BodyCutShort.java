package io.jenkins.plugins.runwayupscale.client;

import java.io.IOException;

/**
 * A streamed body could not be read to its end (its file changed, vanished or could not be read): the request was cut
 * off before its last byte, so the server cannot have acted on it.
 */
final class BodyCutShort extends IOException {
    private static final long serialVersionUID = 1L;

    BodyCutShort(String message) {
        super(message);
    }

    BodyCutShort(String message, Throwable cause) {
        super(message, cause);
    }
}
