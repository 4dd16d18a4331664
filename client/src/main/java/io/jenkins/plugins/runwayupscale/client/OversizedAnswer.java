package io.jenkins.plugins.runwayupscale.client;

import java.io.IOException;

/** An answer that is not a download was larger than the engine accepts; it was refused, not read. */
final class OversizedAnswer extends IOException {
    private static final long serialVersionUID = 1L;

    OversizedAnswer(String message) {
        super(message);
    }
}
