package io.jenkins.plugins.runwayupscale.upscale;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.runwayupscale.client.DataUriLimit;
import io.jenkins.plugins.runwayupscale.client.DownloadedVideo;
import io.jenkins.plugins.runwayupscale.client.InlineVideo;
import io.jenkins.plugins.runwayupscale.workspace.CheckDownloadTarget;
import io.jenkins.plugins.runwayupscale.workspace.DownloadToWorkspace;
import io.jenkins.plugins.runwayupscale.workspace.ReadVideoFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A workspace on plain files: the same callables a Jenkins agent runs, invoked in this JVM, and an artifact store
 * that keeps the bytes of what was archived.
 */
public class PlainWorkspace implements BuildWorkspace {
    public final Path root;
    /** Artifact path to content. */
    public final Map<String, byte[]> archived = new ConcurrentHashMap<>();

    public PlainWorkspace(Path root) {
        this.root = root;
    }

    @Override
    public InlineVideo copyVideo(String path, DataUriLimit limit, OutputStream into) throws IOException {
        return new ReadVideoFile(path, limit, into).invoke(root.toFile(), null).toInlineVideo();
    }

    @Override
    public void checkDownloadTarget(String path) throws IOException {
        new CheckDownloadTarget(path).invoke(root.toFile(), null);
    }

    @Override
    public DownloadedVideo download(String taskId, String url, String path) throws IOException, InterruptedException {
        return new DownloadToWorkspace(taskId, url, path)
                .invoke(root.toFile(), null)
                .toDownloadedVideo();
    }

    @Override
    public void archive(Run<?, ?> run, TaskListener listener, String path, String artifactPath) throws IOException {
        archived.put(artifactPath, Files.readAllBytes(root.resolve(path)));
    }
}
