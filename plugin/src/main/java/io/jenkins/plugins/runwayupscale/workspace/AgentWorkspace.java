package io.jenkins.plugins.runwayupscale.workspace;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.RemoteInputStream;
import hudson.remoting.RemoteOutputStream;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.runwayupscale.client.DataUriLimit;
import io.jenkins.plugins.runwayupscale.client.DownloadLimits;
import io.jenkins.plugins.runwayupscale.client.DownloadedVideo;
import io.jenkins.plugins.runwayupscale.client.InlineVideo;
import io.jenkins.plugins.runwayupscale.upscale.BuildWorkspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jenkins.util.BuildListenerAdapter;

/**
 * A build's workspace through its {@link FilePath}: reading and downloading run on the agent that holds it, as
 * file callables, so videos never pass through the controller (except the data URI, which is sent from there).
 */
public final class AgentWorkspace implements BuildWorkspace {
    /** Beyond the download's own timeout, for the agent to answer: then the controller stops waiting anyway. */
    static final Duration CHANNEL_MARGIN = Duration.ofMinutes(2);
    /** Reading an inline video (at most the data-URI ceiling) or checking a path. */
    static final Duration SHORT_CALL = Duration.ofMinutes(10);
    /** Restoring an archived video, as long as the longest download. */
    static final Duration LONG_CALL = Duration.ofHours(2);

    private final FilePath root;

    public AgentWorkspace(FilePath root) {
        this.root = root;
    }

    /** The workspace, or null when there is none. */
    public static AgentWorkspace of(FilePath root) {
        return root == null ? null : new AgentWorkspace(root);
    }

    @Override
    public InlineVideo copyVideo(String path, DataUriLimit limit, OutputStream into)
            throws IOException, InterruptedException {
        CopiedVideo copied =
                call(new ReadVideoFile(path, limit, new RemoteOutputStream(into)), SHORT_CALL, "read " + path);
        // The agent's writes reach `into` on remoting's own threads; as FilePath.copyTo does, wait until they all did.
        VirtualChannel channel = root.getChannel();
        if (channel != null) {
            channel.syncLocalIO();
        }
        return copied.toInlineVideo();
    }

    @Override
    public void checkDownloadTarget(String path) throws IOException, InterruptedException {
        call(new CheckDownloadTarget(path), SHORT_CALL, "check " + path);
    }

    /**
     * Waits for the agent's download, which ends itself at its timeout; the controller waits {@link #CHANNEL_MARGIN}
     * longer at most.
     */
    @Override
    public DownloadedVideo download(String taskId, String url, String path, DownloadLimits limits)
            throws IOException, InterruptedException {
        Duration wait = limits.timeout().plus(CHANNEL_MARGIN);
        return call(
                        new DownloadToWorkspace(taskId, url, path, limits),
                        wait,
                        "save the output of Runway task " + taskId + " as " + path)
                .toDownloadedVideo();
    }

    @Override
    public DownloadedVideo restore(String path, InputStream video, String sha256)
            throws IOException, InterruptedException {
        RemoteInputStream source = new RemoteInputStream(video, RemoteInputStream.Flag.GREEDY);
        return call(new RestoreToWorkspace(path, sha256, source), LONG_CALL, "restore " + path)
                .toDownloadedVideo();
    }

    /**
     * Runs a callable on the agent and waits for it at most {@code limit}: an agent that hangs never holds a thread
     * for ever. An interrupt (the build was aborted) or the limit cancels the remote call, and remoting then
     * interrupts the agent's thread, which removes any partial file.
     */
    private <T> T call(FilePath.FileCallable<T> callable, Duration limit, String what)
            throws IOException, InterruptedException {
        Future<T> call = root.actAsync(callable);
        try {
            return call.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new AbortException(Messages.AgentWorkspace_TooLong(what, limit.toMinutes()));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(String.valueOf(cause), cause);
        }
    }

    /** Through the build's own ArtifactManager, so remote artifact storage (S3 and the like) keeps the video. */
    @Override
    public void archive(Run<?, ?> run, TaskListener listener, String path, String artifactPath)
            throws IOException, InterruptedException {
        run.pickArtifactManager()
                .archive(
                        root,
                        root.createLauncher(listener),
                        BuildListenerAdapter.wrap(listener),
                        Map.of(artifactPath, path));
    }
}
