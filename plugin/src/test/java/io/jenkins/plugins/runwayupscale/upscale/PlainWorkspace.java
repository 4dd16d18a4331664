package io.jenkins.plugins.runwayupscale.upscale;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.runwayupscale.client.DataUriLimit;
import io.jenkins.plugins.runwayupscale.client.DownloadLimits;
import io.jenkins.plugins.runwayupscale.client.DownloadedVideo;
import io.jenkins.plugins.runwayupscale.client.InlineVideo;
import io.jenkins.plugins.runwayupscale.workspace.CheckDownloadTarget;
import io.jenkins.plugins.runwayupscale.workspace.DownloadToWorkspace;
import io.jenkins.plugins.runwayupscale.workspace.ReadVideoFile;
import io.jenkins.plugins.runwayupscale.workspace.RestoreToWorkspace;
import java.io.IOException;
import java.io.InputStream;
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

    /**
     * The origin the test's output server answers on: a plan's API base URL is not a local server, and the fetch
     * rule takes plain http only from the API's own origin.
     */
    public volatile String outputOrigin;

    @Override
    public DownloadedVideo download(String taskId, String url, String path, DownloadLimits limits)
            throws IOException, InterruptedException {
        DownloadLimits served = outputOrigin == null
                ? limits
                : new DownloadLimits(limits.idleTimeout(), limits.timeout(), limits.maxBytes(), outputOrigin);
        return new DownloadToWorkspace(taskId, url, path, served)
                .invoke(root.toFile(), null)
                .toDownloadedVideo();
    }

    @Override
    public DownloadedVideo restore(String path, InputStream video, String sha256) throws IOException {
        return new RestoreToWorkspace(path, sha256, video)
                .invoke(root.toFile(), null)
                .toDownloadedVideo();
    }

    @Override
    public void archive(Run<?, ?> run, TaskListener listener, String path, String artifactPath) throws IOException {
        archived.put(artifactPath, Files.readAllBytes(root.resolve(path)));
    }
}
