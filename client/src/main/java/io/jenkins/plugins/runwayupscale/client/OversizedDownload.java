package io.jenkins.plugins.runwayupscale.client;

import java.io.IOException;

/** A download larger than its cap: refused on its Content-Length, or stopped as soon as more arrived. */
final class OversizedDownload extends IOException {
    private static final long serialVersionUID = 1L;
    private final long bytes;
    private final boolean announced;

    OversizedDownload(long bytes, boolean announced) {
        super(announced ? "announced " + bytes + " bytes" : "passed the limit at " + bytes + " bytes");
        this.bytes = bytes;
        this.announced = announced;
    }

    /** The announced size, or the bytes that had arrived when the limit was passed. */
    long bytes() {
        return bytes;
    }

    /** Whether the size was announced (Content-Length) and refused before any body was read. */
    boolean announced() {
        return announced;
    }
}
