package io.jenkins.plugins.runwayupscale.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Reads a video in one pass: the media type from its first bytes, the SHA-256 as it goes, and a refusal, before
 * anything is sent, when it is not a video or is over the model's data-URI limit. {@link #inspect} only checks a file
 * (constant memory; the submission streams it later); {@link #encode} also builds a {@code data:} URI in memory, for
 * small videos.
 */
public final class VideoEncoder {
    private static final int CHUNK = 64 * 1024;

    private VideoEncoder() {}

    /**
     * Checks a file for an inline submission in constant memory: exists, is a regular file, is a video, is within the
     * limit (a size over it is refused before a byte is read). See {@link InlineVideoFile#inspect}.
     *
     * @param name how the user named the file, for the report and messages
     */
    public static InlineVideoFile inspect(Path file, String name, DataUriLimit limit) throws InvalidInputException {
        try (InputStream in = open(file, name, limit)) {
            InlineVideo video = read(name, in, limit, OutputStream.nullOutputStream());
            return new InlineVideoFile(file, name, video.mediaType(), video.bytes(), video.sha256());
        } catch (IOException e) {
            throw unreadable(name, e);
        }
    }

    /**
     * Encodes a file. A size over the limit is refused before a byte is read.
     *
     * @param name how the user named the file, for the report and messages
     */
    public static EncodedVideo encode(Path file, String name, DataUriLimit limit) throws InvalidInputException {
        try (InputStream in = open(file, name, limit)) {
            return encode(name, in, limit);
        } catch (IOException e) {
            throw unreadable(name, e);
        }
    }

    private static InputStream open(Path file, String name, DataUriLimit limit)
            throws InvalidInputException, IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
            throw InvalidInputException.local("video file", "'" + name + "' does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw InvalidInputException.local("video file", "'" + name + "' is not a regular file");
        }
        limit.check("'" + name + "'", Files.size(file));
        return Files.newInputStream(file);
    }

    private static InvalidInputException unreadable(String name, IOException e) {
        return InvalidInputException.local("video file", "could not read '" + name + "': " + e.getMessage());
    }

    /**
     * Encodes a stream of unknown length; reading stops, with a refusal, as soon as it passes the limit.
     *
     * @param name how the user named the video, for the report and messages
     */
    public static EncodedVideo encode(String name, InputStream in, DataUriLimit limit)
            throws InvalidInputException, IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        InlineVideo video;
        // Closing the encoder writes the padding; closing a ByteArrayOutputStream does nothing.
        try (OutputStream base64 = Base64.getEncoder().wrap(text)) {
            video = read(name, in, limit, base64);
        }
        String prefix = "data:" + video.mediaType() + ";base64,";
        return new EncodedVideo(video, prefix + text.toString(StandardCharsets.US_ASCII));
    }

    /** Reads the stream into {@code sink}, sniffing, hashing and counting; refuses as soon as it passes the limit. */
    private static InlineVideo read(String name, InputStream in, DataUriLimit limit, OutputStream sink)
            throws InvalidInputException, IOException {
        MessageDigest sha256 = sha256();
        byte[] head = in.readNBytes(VideoTypes.HEAD_LENGTH);
        String type = VideoTypes.sniff(name, head, head.length);
        long total = head.length;
        limit.check("'" + name + "' (read so far)", total);
        sha256.update(head);
        sink.write(head);
        byte[] buffer = new byte[CHUNK];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            limit.check("'" + name + "' (read so far)", total);
            sha256.update(buffer, 0, n);
            sink.write(buffer, 0, n);
        }
        return new InlineVideo(name, type, total, HexFormat.of().formatHex(sha256.digest()));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
