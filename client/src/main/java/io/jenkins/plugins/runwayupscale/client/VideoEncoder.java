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
 * Reads a video into a {@code data:} URI in one pass: the media type from its first bytes, the SHA-256 as it goes,
 * and a refusal, before anything is sent, when it is not a video or is over the model's data-URI limit.
 */
public final class VideoEncoder {
    private static final int CHUNK = 64 * 1024;

    private VideoEncoder() {}

    /**
     * Encodes a file. A size over the limit is refused before a byte is read.
     *
     * @param name how the user named the file, for the report and messages
     */
    public static EncodedVideo encode(Path file, String name, DataUriLimit limit) throws InvalidInputException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
            throw InvalidInputException.local("video file", "'" + name + "' does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw InvalidInputException.local("video file", "'" + name + "' is not a regular file");
        }
        try {
            long size = Files.size(file);
            limit.check("'" + name + "'", size);
            try (InputStream in = Files.newInputStream(file)) {
                return encode(name, in, limit);
            }
        } catch (IOException e) {
            throw InvalidInputException.local("video file", "could not read '" + name + "': " + e.getMessage());
        }
    }

    /**
     * Encodes a stream of unknown length; reading stops, with a refusal, as soon as it passes the limit.
     *
     * @param name how the user named the video, for the report and messages
     */
    public static EncodedVideo encode(String name, InputStream in, DataUriLimit limit)
            throws InvalidInputException, IOException {
        MessageDigest sha256 = sha256();
        byte[] head = in.readNBytes(VideoTypes.HEAD_LENGTH);
        String type = VideoTypes.sniff(name, head, head.length);
        String prefix = "data:" + type + ";base64,";
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.writeBytes(prefix.getBytes(StandardCharsets.US_ASCII));
        long total = head.length;
        limit.check("'" + name + "' (read so far)", total);
        // Closing the encoder writes the padding; closing a ByteArrayOutputStream does nothing.
        try (OutputStream base64 = Base64.getEncoder().wrap(text)) {
            sha256.update(head);
            base64.write(head);
            byte[] buffer = new byte[CHUNK];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                limit.check("'" + name + "' (read so far)", total);
                sha256.update(buffer, 0, n);
                base64.write(buffer, 0, n);
            }
        }
        InlineVideo video = new InlineVideo(name, type, total, HexFormat.of().formatHex(sha256.digest()));
        return new EncodedVideo(video, text.toString(StandardCharsets.US_ASCII));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
