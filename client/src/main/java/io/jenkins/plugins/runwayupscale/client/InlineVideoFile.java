package io.jenkins.plugins.runwayupscale.client;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A video file to send inline, checked: its media type sniffed from its first bytes, its size and its SHA-256. The
 * submission streams it from the file through a base64 encoder into the request, so its data is never held in memory
 * (see {@link RunwayClient#submit(InlineVideoFile, java.time.Instant)}); the file must stay as it was until then, and
 * a file that changed meanwhile is refused while sending (before the request is complete, so no task is created).
 * Make one with {@link #inspect}.
 *
 * @param file where the video is
 * @param name how the user named the file, for the report and messages
 * @param mediaType the media type read from its first bytes ({@code video/mp4}, ...)
 * @param bytes its size
 * @param sha256 its SHA-256, lower-case hex
 */
public record InlineVideoFile(Path file, String name, String mediaType, long bytes, String sha256) {
    public InlineVideoFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(sha256, "sha256");
        if (bytes < 0) {
            throw new IllegalArgumentException("a file has no negative size");
        }
    }

    /**
     * Checks a video file in one streaming pass, in constant memory: refuses (before anything is sent) a missing file,
     * one that is not a regular file, one that is not a video, and one over {@code limit}; else describes it.
     *
     * @param name how the user named the file, for the report and messages
     */
    public static InlineVideoFile inspect(Path file, String name, DataUriLimit limit) throws InvalidInputException {
        return VideoEncoder.inspect(file, name, limit);
    }

    /** What the report and saved state keep of it: name, media type, size and SHA-256. */
    public InlineVideo video() {
        return new InlineVideo(name, mediaType, bytes, sha256);
    }

    /** How reports write the data URI it becomes: {@code data:<type>;base64,... (<n> bytes)}. */
    public String displayUri() {
        return "data:" + mediaType + ";base64,... (" + bytes + " bytes)";
    }

    /** The length of its base64 text: 4 characters for every 3 bytes begun. */
    public long base64Length() {
        return (bytes + 2) / 3 * 4;
    }

    /** Names the file, never its data. */
    @Override
    public String toString() {
        return "InlineVideoFile[" + name + ", " + mediaType + ", " + bytes + " bytes]";
    }
}
