package io.jenkins.plugins.runwayupscale.client;

/** How much of a download has arrived, and how much was announced; read from any thread. */
public final class DownloadProgress {
    private volatile long received;
    private volatile long expected = -1;
    private volatile boolean started;

    /** Bytes of the body written so far. */
    public long received() {
        return received;
    }

    /** The body's Content-Length, or -1 when none was announced (yet). */
    public long expected() {
        return expected;
    }

    /** Whether a body (a 2xx answer) has begun to arrive. */
    boolean started() {
        return started;
    }

    void received(long bytes) {
        received = bytes;
    }

    void expected(long bytes) {
        expected = bytes;
        started = true;
    }

    /** "12 of 40 bytes" or "12 bytes", for messages. */
    String describe() {
        return expected >= 0 ? received + " of " + expected + " bytes" : received + " bytes";
    }
}
