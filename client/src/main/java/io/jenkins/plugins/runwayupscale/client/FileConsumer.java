package io.jenkins.plugins.runwayupscale.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Writes the body straight to a file channel so memory stays constant whatever the size; refuses a body over
 * the request's cap on its Content-Length, or as soon as more arrives. Once abandoned (the caller gave up) it
 * writes nothing more and its file is gone.
 */
final class FileConsumer extends AbstractBinResponseConsumer<FileFetch> {
    private static final int DOWNLOAD_CHUNK = 1024 * 1024;
    private static final int ERROR_BODY_LIMIT = 64 * 1024;
    private final FileRequest request;
    private final CompletableFuture<FileFetch> caller;
    /** Opened in start() and written in data(), both on the I/O thread; closed by whichever thread ends the fetch. */
    private volatile FileChannel channel;

    private volatile boolean abandoned;
    private int status;
    private Map<String, String> headers;
    private long written;
    private final ByteArrayOutputStream errorBody = new ByteArrayOutputStream();

    FileConsumer(FileRequest request, CompletableFuture<FileFetch> caller) {
        this.request = request;
        this.caller = caller;
    }

    @Override
    protected synchronized void start(HttpResponse response, ContentType contentType) throws IOException {
        if (abandoned || caller.isDone()) {
            throw new IOException("the caller no longer waits for this download");
        }
        status = response.getCode();
        headers = ApacheHttpTransport.headers(response);
        if (status >= 200 && status < 300) {
            long declared = contentLength(response);
            request.progress().expected(declared);
            if (declared > request.maxBytes()) {
                throw new OversizedDownload(declared, true);
            }
            // Never through a link: the part file is ours, whatever an output folder holds. Not opened with
            // TRUNCATE_EXISTING: ext4 flushes a file truncated that way to disk when it is closed (auto_da_alloc),
            // which costs a third of the throughput; the downloader's part file is new and empty anyway.
            FileChannel out = FileChannel.open(
                    request.file(), StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            if (out.size() > 0) {
                out.truncate(0);
            }
            channel = out;
        }
    }

    private static long contentLength(HttpResponse response) throws IOException {
        Header length = response.getFirstHeader("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.getValue().trim());
        } catch (NumberFormatException e) {
            throw new IOException("the output's Content-Length is not a number");
        }
    }

    @Override
    protected int capacityIncrement() {
        return DOWNLOAD_CHUNK;
    }

    @Override
    protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
        if (abandoned || caller.isDone()) {
            throw new IOException("the caller no longer waits for this download");
        }
        // Not locked: a channel closed meanwhile by abandon() fails the write, and a file only appears in start().
        FileChannel out = channel;
        if (out != null) {
            if (written + src.remaining() > request.maxBytes()) {
                throw new OversizedDownload(written + src.remaining(), false);
            }
            while (src.hasRemaining()) {
                written += out.write(src);
            }
            request.progress().received(written);
        } else {
            int room = ERROR_BODY_LIMIT - errorBody.size();
            int n = Math.min(room, src.remaining());
            if (n > 0) {
                byte[] chunk = new byte[n];
                src.get(chunk);
                errorBody.write(chunk, 0, n);
            }
            src.position(src.limit());
        }
    }

    @Override
    protected synchronized FileFetch buildResult() {
        closeChannel();
        return new FileFetch(status, headers, written, errorBody.toString(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void releaseResources() {
        closeChannel();
    }

    /** The caller has given up: write nothing more and leave no file behind. */
    synchronized void abandon() {
        abandoned = true;
        closeChannel();
        try {
            Files.deleteIfExists(request.file());
        } catch (IOException ignored) {
            // the downloader deletes it too; a leftover .part is named as one
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the file is either complete (buildResult) or about to be deleted by the caller
            }
            channel = null;
        }
    }
}
