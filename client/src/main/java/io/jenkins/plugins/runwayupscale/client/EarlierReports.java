package io.jenkins.plugins.runwayupscale.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds, among the task reports ({@code <taskId>.json}) in one folder, the newest SUCCEEDED one made for the same
 * input, model, options and Runway version: the command line's reuse. The folder may hold anything, so the scan is
 * bounded and lenient: links are never followed, files over {@link #MAX_REPORT_BYTES} and at most
 * {@link #MAX_REPORTS} reports are read, and whatever does not parse as a usable report is passed over, never an
 * error (reuse only saves money; a bad file must not stop an upscale).
 */
public final class EarlierReports {
    /** A report is a few hundred bytes; a larger file is not one of ours. */
    public static final long MAX_REPORT_BYTES = 1024L * 1024;
    /** Enough for the videos of many releases, while a folder of millions of files is still scanned in a blink. */
    public static final int MAX_REPORTS = 1000;
    /** Folder entries looked at in all (reports and anything else): the listing is bounded too. */
    static final int MAX_ENTRIES = 10 * MAX_REPORTS;

    private static final Comparator<EarlierReport> NEWEST_FIRST = Comparator.comparing(
                    EarlierReport::completedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(r -> fileName(r.file()))
            .reversed();

    /**
     * What a lookup found.
     *
     * @param match the newest matching report, or null
     * @param reportsRead how many {@code .json} files were read
     * @param complete false when the bounds stopped the scan before the folder's end
     */
    public record Lookup(EarlierReport match, int reportsRead, boolean complete) {}

    private EarlierReports() {}

    /** The newest report in {@code folder} that {@code wanted} matches; a missing folder or a link holds none. */
    public static Lookup newest(Path folder, ReportMatch wanted) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return new Lookup(null, 0, true);
        }
        List<EarlierReport> matches = new ArrayList<>();
        int read = 0;
        int seen = 0;
        boolean complete = true;
        // Unfiltered, so that every entry counts towards the bound, not only the reports.
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (++seen > MAX_ENTRIES || read >= MAX_REPORTS) {
                    complete = false;
                    break;
                }
                if (!fileName(entry).endsWith(".json")) {
                    continue;
                }
                BasicFileAttributes attributes = attributes(entry);
                if (attributes == null || !attributes.isRegularFile() || attributes.size() > MAX_REPORT_BYTES) {
                    continue;
                }
                read++;
                EarlierReport report = parse(entry, readBounded(entry), wanted);
                if (report != null) {
                    matches.add(report);
                }
            }
        }
        return new Lookup(matches.stream().min(NEWEST_FIRST).orElse(null), read, complete);
    }

    private static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? "" : name.toString();
    }

    private static BasicFileAttributes attributes(Path entry) throws IOException {
        try {
            return Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null; // removed meanwhile
        }
    }

    /** At most the limit and one byte more, opened without following a link planted since it was listed. */
    private static byte[] readBounded(Path entry) {
        try (InputStream in = Files.newInputStream(entry, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) MAX_REPORT_BYTES + 1);
            return bytes.length > MAX_REPORT_BYTES ? null : bytes;
        } catch (IOException e) {
            return null;
        }
    }

    /** The report when it is a usable match, else null (not JSON, not SUCCEEDED, another input, misnamed...). */
    static EarlierReport parse(Path file, byte[] bytes, ReportMatch wanted) {
        if (bytes == null) {
            return null;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            return null; // garbled, too deeply nested, too long a number: not ours
        }
        if (root == null
                || !root.isObject()
                || !"SUCCEEDED".equals(Json.text(root, "status"))
                || !wanted.matches(root)) {
            return null;
        }
        String taskId = Json.text(root, "taskId");
        List<String> outputs = outputs(root.get("outputs"));
        // The task id becomes a request path and file names: it must be the one the report is named after.
        if (taskId == null
                || !fileName(file).equals(TaskArtifacts.jsonFileName(taskId))
                || !isTaskId(taskId)
                || outputs == null
                || outputs.isEmpty()
                || OutputUrls.refusal(outputs) != null) {
            return null;
        }
        return new EarlierReport(file, taskId, outputs, download(root.get("download")), instant(root));
    }

    private static boolean isTaskId(String taskId) {
        try {
            RunwayClient.checkTaskId(taskId);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private static List<String> outputs(JsonNode node) {
        if (node == null || !node.isArray() || node.size() > OutputUrls.MAX_OUTPUTS) {
            return null;
        }
        List<String> urls = new ArrayList<>();
        for (JsonNode url : node) {
            if (!url.isTextual()) {
                return null;
            }
            urls.add(url.asText());
        }
        return urls;
    }

    private static DownloadedVideo download(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        String file = Json.text(node, "file");
        String sha256 = Json.text(node, "sha256");
        JsonNode bytes = node.get("bytes");
        if (file == null || sha256 == null || bytes == null || !bytes.canConvertToLong()) {
            return null;
        }
        return new DownloadedVideo(file, bytes.asLong(), sha256, null);
    }

    private static Instant instant(JsonNode root) {
        String text = Json.text(root, "completedAt");
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
