package io.jenkins.plugins.runwayupscale.upscale;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.runwayupscale.client.DataUriLimit;
import io.jenkins.plugins.runwayupscale.client.DownloadedVideo;
import io.jenkins.plugins.runwayupscale.client.EncodedVideo;
import java.io.IOException;

/**
 * The build's workspace, on the agent that holds it: where {@code videoFile} is read and {@code download} written.
 * Paths are relative to the workspace and never leave it. Each call blocks until the agent is done; refusals are
 * {@link hudson.AbortException}s whose message is for the user.
 */
public interface BuildWorkspace {
    /** Reads a video into a {@code data:} URI, refusing what is missing, not a video or over {@code limit}. */
    EncodedVideo readVideo(String path, DataUriLimit limit) throws IOException, InterruptedException;

    /** Streams an output URL into a workspace file, straight from the agent; returns its size and SHA-256. */
    DownloadedVideo download(String taskId, String url, String path) throws IOException, InterruptedException;

    /** Archives a workspace file with the build through its ArtifactManager, as {@code artifactPath}. */
    void archive(Run<?, ?> run, TaskListener listener, String path, String artifactPath)
            throws IOException, InterruptedException;
}
