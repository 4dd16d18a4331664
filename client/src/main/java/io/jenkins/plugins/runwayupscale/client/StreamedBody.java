package io.jenkins.plugins.runwayupscale.client;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;

/**
 * A request body too large to hold in memory (an inline video): its exact length is known up front, so it is sent
 * with a Content-Length, and it is read from its source afresh each time it is sent, so a retried submission sends
 * it again. Its JSON is {@code application/json}.
 */
public interface StreamedBody {
    /** The body's exact length in bytes. */
    long length();

    /**
     * A new channel over the whole body, from its first byte. Its reads fail with an {@link IOException} when the
     * source no longer holds what it held when the body was made; the body is then cut short, before its end.
     */
    ReadableByteChannel open() throws IOException;
}
