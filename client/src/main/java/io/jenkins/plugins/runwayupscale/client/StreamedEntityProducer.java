package io.jenkins.plugins.runwayupscale.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * Sends a {@link StreamedBody} through Apache HttpClient 5 with its Content-Length, a small buffer at a time: each
 * call from the I/O reactor moves at most one buffer, and what the connection does not take now waits in the buffer
 * until the reactor calls again (back-pressure), so memory stays {@value #BUFFER} bytes whatever the body's size.
 * Repeatable: each exchange opens the body afresh.
 */
final class StreamedEntityProducer implements AsyncEntityProducer {
    static final int BUFFER = 32 * 1024;

    private final StreamedBody body;
    private final CompletableFuture<?> caller;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    private ReadableByteChannel source;
    private boolean sourceEnded;

    /** @param caller the exchange's result: once it is complete, nothing more is read and the source is closed */
    StreamedEntityProducer(StreamedBody body, CompletableFuture<?> caller) {
        this.body = body;
        this.caller = caller;
        caller.whenComplete((v, e) -> releaseResources());
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public long getContentLength() {
        return body.length();
    }

    @Override
    public String getContentType() {
        return ContentType.APPLICATION_JSON.toString();
    }

    @Override
    public String getContentEncoding() {
        return null;
    }

    @Override
    public boolean isChunked() {
        // Some gateways refuse chunked uploads; the length is exact, so it is always sent.
        return false;
    }

    @Override
    public Set<String> getTrailerNames() {
        return Set.of();
    }

    @Override
    public int available() {
        // A file always has more to give until its end; the reactor asks for output only while it can write.
        return Integer.MAX_VALUE;
    }

    @Override
    public synchronized void produce(DataStreamChannel channel) throws IOException {
        if (caller.isDone()) {
            // Cancelled or cut off at its deadline: a late call from the reactor must not open the file again.
            releaseResources();
            throw new IOException("the caller no longer waits for this exchange");
        }
        if (source == null) {
            source = body.open();
            sourceEnded = false;
            buffer.clear();
        }
        if (!sourceEnded && buffer.hasRemaining() && source.read(buffer) < 0) {
            sourceEnded = true;
        }
        if (buffer.position() > 0) {
            buffer.flip();
            channel.write(buffer);
            buffer.compact();
        }
        if (sourceEnded && buffer.position() == 0) {
            channel.endStream();
            releaseResources();
        }
    }

    @Override
    public void failed(Exception cause) {
        releaseResources();
    }

    @Override
    public synchronized void releaseResources() {
        ReadableByteChannel open = source;
        source = null;
        buffer.clear();
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // Only a file being read: nothing was written that a failed close could lose.
            }
        }
    }
}
