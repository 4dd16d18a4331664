package io.jenkins.plugins.runwayupscale.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * An output video saved to a file: what the report and the console say about it.
 *
 * @param file the file as the user named it (a path relative to where it was written)
 * @param bytes its size
 * @param sha256 its SHA-256, lower-case hex
 * @param contentType the Content-Type the server gave, or null
 */
public record DownloadedVideo(String file, long bytes, String sha256, String contentType) implements Serializable {
    /** Describes a file already saved, reading it once for its checksum. */
    public static DownloadedVideo of(Path saved, String name, String contentType) throws IOException {
        MessageDigest sha256 = VideoEncoder.sha256();
        long bytes = 0;
        try (InputStream in = Files.newInputStream(saved)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
                bytes += n;
            }
        }
        return new DownloadedVideo(name, bytes, HexFormat.of().formatHex(sha256.digest()), contentType);
    }
}
