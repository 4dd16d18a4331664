package io.jenkins.plugins.runwayupscale.workspace;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.runwayupscale.client.DirectDownload;
import io.jenkins.plugins.runwayupscale.client.DownloadLimits;
import io.jenkins.plugins.runwayupscale.client.RunwayException;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import jenkins.MasterToSlaveFileCallable;

/**
 * Streams an output URL into a file of the workspace, on the agent that holds it: the video never passes through
 * the controller. Written to a {@code .part} file that is renamed when complete; returns its size and SHA-256.
 *
 * <p>Only JDK values and types of the plugin's own jar cross the channel: Jenkins' class filter rejects the client
 * library's classes on every real agent, so the result is a {@link SavedVideo} and every failure an
 * {@link AbortException} whose message says what happened, with no library exception as its cause.
 */
public final class DownloadToWorkspace extends MasterToSlaveFileCallable<SavedVideo> {
    private static final long serialVersionUID = 1L;
    /** The parameter's name, as messages show it. */
    public static final String FIELD = "download";

    private final String taskId;
    private final String url;
    private final String path;
    // The limits as plain values: the client's DownloadLimits is a library class, which must not cross the channel.
    private final long idleMillis;
    private final long timeoutMillis;
    private final long maxBytes;
    private final String apiBaseUrl;

    public DownloadToWorkspace(String taskId, String url, String path, DownloadLimits limits) {
        this.taskId = taskId;
        this.url = url;
        this.path = path;
        this.idleMillis = limits.idleTimeout().toMillis();
        this.timeoutMillis = limits.timeout().toMillis();
        this.maxBytes = limits.maxBytes();
        this.apiBaseUrl = limits.apiBaseUrl();
    }

    @Override
    public SavedVideo invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        String relative = WorkspaceFiles.checkTarget(path, FIELD);
        try {
            DownloadLimits limits = new DownloadLimits(
                    Duration.ofMillis(idleMillis), Duration.ofMillis(timeoutMillis), maxBytes, apiBaseUrl);
            return SavedVideo.of(
                    DirectDownload.fetch(url, WorkspaceFiles.writable(workspace, relative, FIELD), relative, limits));
        } catch (RunwayException e) {
            throw new AbortException(Messages.DownloadToWorkspace_Failed(taskId, relative, e.getMessage()));
        } catch (AbortException | InterruptedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Told in words, without the exception as a cause: a cause could hold a library class.
            throw new AbortException(Messages.DownloadToWorkspace_Failed(taskId, relative, String.valueOf(e)));
        }
    }

    /** Names the task and the file, never the pre-signed URL (it works for anyone who has it). */
    @Override
    public String toString() {
        return "DownloadToWorkspace[" + taskId + " -> " + path + "]";
    }
}
