package io.jenkins.plugins.runwayupscale.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A report of an earlier SUCCEEDED task that matched a new upscale (see {@link EarlierReports}): what is needed to
 * read that task again, or to fall back on the video it saved.
 *
 * @param file the report's file
 * @param taskId the earlier task (a checked task id, the report's file name without {@code .json})
 * @param outputs the output URLs it recorded (they may have expired)
 * @param download the video it saved, as recorded, or null
 * @param completedAt when it completed, or null when the report does not say
 */
public record EarlierReport(
        Path file, String taskId, List<String> outputs, DownloadedVideo download, Instant completedAt) {
    public EarlierReport {
        outputs = List.copyOf(outputs);
    }

    /**
     * The saved video, when it is still a regular file (not a link) with the recorded SHA-256; else empty. A relative
     * name is taken from the current folder, where the command line that wrote it ran.
     */
    public Optional<Path> keptDownload() throws IOException {
        if (download == null || download.file() == null || download.sha256() == null) {
            return Optional.empty();
        }
        Path saved;
        try {
            saved = Path.of(download.file()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(saved, LinkOption.NOFOLLOW_LINKS) || Files.size(saved) != download.bytes()) {
            return Optional.empty();
        }
        DownloadedVideo now = DownloadedVideo.of(saved, download.file(), download.contentType());
        return now.sha256().equals(download.sha256()) ? Optional.of(saved) : Optional.empty();
    }
}
