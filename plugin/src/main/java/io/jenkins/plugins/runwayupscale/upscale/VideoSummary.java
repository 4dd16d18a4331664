package io.jenkins.plugins.runwayupscale.upscale;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What is kept of a data URI's video once its task exists: enough to recognise the video (media type, size,
 * SHA-256 of its bytes), none of the data, which can be as large as 16 MB.
 *
 * @param mediaType e.g. {@code video/mp4}
 * @param bytes the decoded size
 * @param sha256 the SHA-256 of the decoded bytes, in lower-case hex
 */
public record VideoSummary(String mediaType, long bytes, String sha256) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String BASE64_MARKER = ";base64,";

    /** The summary of a checked data URI ({@code data:<type>;base64,<data>}). */
    static VideoSummary of(String dataUri) {
        int marker = dataUri.indexOf(BASE64_MARKER);
        String mediaType = dataUri.substring("data:".length(), marker);
        byte[] video = Base64.getDecoder()
                .decode(dataUri.substring(marker + BASE64_MARKER.length()).getBytes(StandardCharsets.US_ASCII));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(video);
            return new VideoSummary(mediaType, video.length, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The same abbreviation a data URI gets everywhere else: {@code data:<type>;base64,... (<n> bytes)}. */
    String display() {
        return "data:" + mediaType + BASE64_MARKER + "... (" + bytes + " bytes)";
    }
}
