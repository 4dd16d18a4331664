package io.jenkins.plugins.runwayupscale.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes the two files of the shared artifact contract: {@code <taskId>.url} (output URLs, one per line) and
 * {@code <taskId>.json} (the task's details). Artifacts live under {@link #FOLDER}.
 */
public final class TaskArtifacts {
    /** The folder, relative to the artifact root, that holds every task's files. */
    public static final String FOLDER = "runway-upscale";

    private TaskArtifacts() {}

    public static String urlFileName(String taskId) {
        return taskId + ".url";
    }

    public static String jsonFileName(String taskId) {
        return taskId + ".json";
    }

    /** Writes both files into {@code folder} (created if needed), replacing older ones; returns them, .url first. */
    public static List<Path> write(Path folder, TaskReport report) throws IOException {
        return write(folder, report, true);
    }

    /**
     * Writes both files into {@code folder} (created if needed) and returns their paths, .url first. Without
     * {@code overwrite}, a file that already exists is left alone and a {@link FileAlreadyExistsException} thrown
     * before anything is written. A folder that is a symbolic link is refused; each file is written beside its
     * place and renamed over it, so a link planted where a file goes is replaced, never written through.
     */
    public static List<Path> write(Path folder, TaskReport report, boolean overwrite) throws IOException {
        try {
            RunwayClient.checkTaskId(report.taskId());
        } catch (InvalidInputException e) {
            throw new IOException("Refusing to write artifacts: " + e.getMessage(), e);
        }
        if (Files.isSymbolicLink(folder)) {
            throw new IOException("Refusing to write artifacts into " + folder
                    + ": it is a symbolic link; make it a plain folder or remove it");
        }
        Files.createDirectories(folder);
        Path url = fileIn(folder, urlFileName(report.taskId()));
        Path json = fileIn(folder, jsonFileName(report.taskId()));
        if (!overwrite) {
            for (Path file : List.of(url, json)) {
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileAlreadyExistsException(file.toString(), null, "already exists");
                }
            }
        }
        replace(url, urlFile(report), overwrite);
        replace(json, jsonFile(report), overwrite);
        return List.of(url, json);
    }

    /** Writes a new file beside {@code file} and renames it into place: atomic, and never through a link. */
    private static void replace(Path file, String content, boolean overwrite) throws IOException {
        Path folder = file.getParent();
        if (folder == null) {
            throw new IOException("Cannot write " + file + ": it names no folder");
        }
        Path fresh = Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp");
        try {
            Files.writeString(fresh, content, StandardCharsets.UTF_8);
            if (overwrite) {
                Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                // Without options the move refuses a file that appeared meanwhile.
                Files.move(fresh, file);
            }
        } finally {
            Files.deleteIfExists(fresh);
        }
    }

    /**
     * The file {@code name} directly inside {@code folder}, checked on the normalized absolute paths: a name that
     * would lead anywhere else ({@code ..}, a separator, an absolute path) is refused with an IOException.
     */
    public static Path fileIn(Path folder, String name) throws IOException {
        Path dir = folder.toAbsolutePath().normalize();
        Path file = dir.resolve(name).normalize();
        Path fileName = file.getFileName();
        if (name.isEmpty()
                || fileName == null
                || !dir.equals(file.getParent())
                || !fileName.toString().equals(name)) {
            throw new IOException(
                    "Refusing to write '" + Excerpt.cut(name, 200) + "': it is not a plain file name in " + dir);
        }
        return file;
    }

    /** The output URLs, one per line, nothing else. */
    public static String urlFile(TaskReport report) {
        StringBuilder text = new StringBuilder();
        report.outputs().forEach(u -> text.append(u).append('\n'));
        return text.toString();
    }

    public static String jsonFile(TaskReport report) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("taskId", report.taskId());
        root.put("model", report.model());
        root.put("runwayVersion", report.runwayVersion());
        root.put("videoUri", VideoUris.forDisplay(report.videoUri()));
        if (report.videoFile() != null) {
            InlineVideo file = report.videoFile();
            ObjectNode node = root.putObject("videoFile");
            node.put("name", file.name());
            node.put("mediaType", file.mediaType());
            node.put("bytes", file.bytes());
            node.put("sha256", file.sha256());
        }
        if (!report.options().isEmpty()) {
            root.set("options", Json.MAPPER.valueToTree(report.options()));
        }
        root.put("status", report.status().name());
        ArrayNode outputs = root.putArray("outputs");
        report.outputs().forEach(outputs::add);
        if (report.status() == TaskReport.Status.FAILED) {
            root.put("failureCode", report.failureCode());
            root.put("failure", report.failure());
        }
        if (report.download() != null) {
            DownloadedVideo saved = report.download();
            ObjectNode node = root.putObject("download");
            node.put("file", saved.file());
            node.put("bytes", saved.bytes());
            node.put("sha256", saved.sha256());
        }
        if (report.reusedFrom() != null) {
            ReusedFrom earlier = report.reusedFrom();
            ObjectNode node = root.putObject("reusedFrom");
            node.put("build", earlier.build());
            node.put("taskId", earlier.taskId());
            node.put("inputSha256", earlier.inputSha256());
        }
        root.put("submittedAt", iso(report.submittedAt()));
        root.put("completedAt", iso(report.completedAt()));
        try {
            return Json.MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
