package io.jenkins.plugins.runwayupscale.upscale;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.runwayupscale.client.TaskArtifacts;
import io.jenkins.plugins.runwayupscale.client.TaskReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Archives the two files of the shared contract ({@code runway-upscale/<taskId>.url} and {@code .json}) with the
 * build, written first into a temporary folder on the controller that is deleted afterwards.
 */
public final class ArtifactPublisher {
    private final ArtifactSink sink;

    public ArtifactPublisher(ArtifactSink sink) {
        this.sink = sink;
    }

    /** Archives the task's files; returns their artifact paths, the .url file first. */
    public List<String> publish(Run<?, ?> run, TaskListener listener, TaskReport report)
            throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("runway-upscale-");
        try {
            Map<String, String> artifacts = new LinkedHashMap<>();
            for (Path file : TaskArtifacts.write(folder.resolve(TaskArtifacts.FOLDER), report)) {
                String path = TaskArtifacts.FOLDER + "/" + file.getFileName();
                artifacts.put(path, path);
            }
            sink.archive(run, folder, artifacts, listener);
            return new ArrayList<>(artifacts.keySet());
        } finally {
            deleteQuietly(folder);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover temp folder is harmless; failing the build for it would not be.
            Logger.getLogger(ArtifactPublisher.class.getName()).fine(() -> "Could not delete " + folder + ": " + e);
        }
    }
}
