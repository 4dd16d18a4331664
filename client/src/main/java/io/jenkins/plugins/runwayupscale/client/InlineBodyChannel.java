package io.jenkins.plugins.runwayupscale.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Reads an inline submission's body: the JSON prefix, the file in base64 (read and encoded a chunk at a time into two
 * fixed buffers), then the suffix. The file must be what was inspected: its size is checked on opening, and its SHA-256
 * before its last chunk is handed out, so a file that changed meanwhile cuts the body short and no task is created.
 */
final class InlineBodyChannel implements ReadableByteChannel {
    /** A multiple of 3, so every chunk but the last encodes without padding. */
    static final int RAW_CHUNK = 48 * 1024;

    private final InlineVideoFile video;
    private final byte[] suffix;
    private final FileChannel file;
    private final MessageDigest digest = VideoEncoder.sha256();
    private final ByteBuffer raw = ByteBuffer.allocate(RAW_CHUNK);
    private final byte[] encoded = new byte[RAW_CHUNK / 3 * 4];
    private final Base64.Encoder base64 = Base64.getEncoder();
    private ByteBuffer pending;
    private long fileRead;
    private boolean suffixQueued;
    private boolean closed;

    InlineBodyChannel(InlineVideoFile video, byte[] prefix, byte[] suffix) throws IOException {
        this.video = video;
        this.suffix = suffix;
        try {
            this.file = FileChannel.open(video.file(), StandardOpenOption.READ);
        } catch (IOException e) {
            throw new BodyCutShort(
                    "could not open '" + video.name() + "' to send it: " + e.getMessage() + "; no task was created", e);
        }
        try {
            long size = file.size();
            if (size != video.bytes()) {
                throw changed("it has " + size + " bytes now, " + video.bytes() + " when it was checked");
            }
        } catch (IOException e) {
            file.close();
            throw e;
        }
        this.pending = ByteBuffer.wrap(prefix);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        int copied = 0;
        while (dst.hasRemaining()) {
            if (!pending.hasRemaining() && !advance()) {
                return copied == 0 ? -1 : copied;
            }
            int n = Math.min(pending.remaining(), dst.remaining());
            dst.put(pending.array(), pending.arrayOffset() + pending.position(), n);
            pending.position(pending.position() + n);
            copied += n;
        }
        return copied;
    }

    /** Queues the next part of the body; false at its end. */
    private boolean advance() throws IOException {
        if (fileRead < video.bytes()) {
            pending = nextChunk();
            return true;
        }
        if (!suffixQueued) {
            suffixQueued = true;
            pending = ByteBuffer.wrap(suffix);
            return true;
        }
        return false;
    }

    private ByteBuffer nextChunk() throws IOException {
        raw.clear();
        raw.limit((int) Math.min(RAW_CHUNK, video.bytes() - fileRead));
        try {
            while (raw.hasRemaining()) {
                if (file.read(raw) < 0) {
                    throw changed(
                            "it ended after " + (fileRead + raw.position()) + " of its " + video.bytes() + " bytes");
                }
            }
        } catch (BodyCutShort e) {
            throw e;
        } catch (IOException e) {
            throw new BodyCutShort(
                    "could not read '" + video.name() + "' while sending it: " + e.getMessage()
                            + "; the request was cut short, so no task was created",
                    e);
        }
        int n = raw.position();
        fileRead += n;
        digest.update(raw.array(), 0, n);
        if (fileRead == video.bytes()) {
            // The last chunk goes out only for the very file that was inspected: the request is still incomplete.
            byte[] sha256 = digest.digest();
            if (!MessageDigest.isEqual(sha256, HexFormat.of().parseHex(video.sha256()))
                    || file.size() != video.bytes()) {
                throw changed("its content is not what was checked (SHA-256 "
                        + HexFormat.of().formatHex(sha256) + ")");
            }
        }
        if (n == RAW_CHUNK) {
            return ByteBuffer.wrap(encoded, 0, base64.encode(raw.array(), encoded));
        }
        int length = base64.encode(Arrays.copyOf(raw.array(), n), encoded);
        return ByteBuffer.wrap(encoded, 0, length);
    }

    private BodyCutShort changed(String how) {
        return new BodyCutShort("'" + video.name() + "' changed after it was checked (" + how
                + "); the request was cut short, so no task was created. Keep the file unchanged until it is sent");
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        file.close();
    }
}
