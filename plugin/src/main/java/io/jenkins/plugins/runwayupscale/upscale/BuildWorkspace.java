package io.jenkins.plugins.runwayupscale.upscale;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.runwayupscale.client.DataUriLimit;
import io.jenkins.plugins.runwayupscale.client.DownloadLimits;
import io.jenkins.plugins.runwayupscale.client.DownloadedVideo;
import io.jenkins.plugins.runwayupscale.client.InlineVideo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The build's workspace, on the agent that holds it: where {@code videoFile} is read and {@code download} written.
 * Paths are relative to the workspace and never leave it. Each call blocks until the agent is done; refusals are
 * {@link hudson.AbortException}s whose message is for the user.
 */
public interface BuildWorkspace {
    /**
     * Copies a workspace video, as it is, into {@code into} (a stream of the controller), refusing what is missing,
     * not a video or over {@code limit}; every byte is in {@code into} when this returns. {@code into} is closed.
     */
    InlineVideo copyVideo(String path, DataUriLimit limit, OutputStream into) throws IOException, InterruptedException;

    /** Refuses, creating nothing, a {@code download} path the output could not be saved as. */
    void checkDownloadTarget(String path) throws IOException, InterruptedException;

    /** Streams an output URL into a workspace file, straight from the agent; returns its size and SHA-256. */
    DownloadedVideo download(String taskId, String url, String path, DownloadLimits limits)
            throws IOException, InterruptedException;

    /**
     * Writes {@code video} (an earlier build's archived copy) into the workspace as {@code path}, only if its SHA-256
     * is {@code sha256}; the stream is closed.
     */
    DownloadedVideo restore(String path, InputStream video, String sha256) throws IOException, InterruptedException;

    /** Archives a workspace file with the build through its ArtifactManager, as {@code artifactPath}. */
    void archive(Run<?, ?> run, TaskListener listener, String path, String artifactPath)
            throws IOException, InterruptedException;
}
