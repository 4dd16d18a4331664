package io.jenkins.plugins.runwayupscale.cli;

import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import io.jenkins.plugins.runwayupscale.client.VideoUris;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Reads a local video into a {@code data:} URI, refusing files Runway would refuse (over 16 MB, unknown type). */
final class VideoFiles {
    private static final Map<String, String> TYPES = Map.of(
            "mp4",
            "video/mp4",
            "m4v",
            "video/mp4",
            "mov",
            "video/quicktime",
            "webm",
            "video/webm",
            "mkv",
            "video/x-matroska",
            "avi",
            "video/x-msvideo");

    private VideoFiles() {}

    static String toDataUri(Path file) throws InvalidInputException {
        if (!Files.isRegularFile(file)) {
            throw InvalidInputException.local("--video-file", "'" + file + "' is not a readable file");
        }
        String name = file.getFileName().toString();
        String extension =
                name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        String type = TYPES.get(extension);
        if (type == null) {
            throw InvalidInputException.local(
                    "--video-file",
                    "'" + name + "' has no known video extension (" + String.join(", ", new TreeSet<>(TYPES.keySet()))
                            + ")");
        }
        try {
            long size = Files.size(file);
            if (size > VideoUris.MAX_DATA_URI_PAYLOAD) {
                throw InvalidInputException.local(
                        "--video-file",
                        "'" + name + "' has " + size
                                + " bytes; a video sent inline may have at most 16 MB; host it at an https URL instead");
            }
            return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
        } catch (IOException e) {
            throw InvalidInputException.local("--video-file", "could not read '" + name + "': " + e.getMessage());
        }
    }
}
