package io.jenkins.plugins.runwayupscale.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Writes both files into {@code folder} (created if needed) and returns their paths, .url first. */
    public static List<Path> write(Path folder, TaskReport report) throws IOException {
        try {
            RunwayClient.checkTaskId(report.taskId());
        } catch (InvalidInputException e) {
            throw new IOException("Refusing to write artifacts: " + e.getMessage(), e);
        }
        Files.createDirectories(folder);
        Path url = folder.resolve(urlFileName(report.taskId()));
        Path json = folder.resolve(jsonFileName(report.taskId()));
        Files.writeString(url, urlFile(report), StandardCharsets.UTF_8);
        Files.writeString(json, jsonFile(report), StandardCharsets.UTF_8);
        return List.of(url, json);
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
        root.put("status", report.status().name());
        ArrayNode outputs = root.putArray("outputs");
        report.outputs().forEach(outputs::add);
        if (report.status() == TaskReport.Status.FAILED) {
            root.put("failureCode", report.failureCode());
            root.put("failure", report.failure());
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
