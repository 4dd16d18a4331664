package io.jenkins.plugins.runwayupscale.workspace;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.runwayupscale.client.DirectDownload;
import io.jenkins.plugins.runwayupscale.client.DownloadedVideo;
import io.jenkins.plugins.runwayupscale.client.RunwayException;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/**
 * Streams an output URL into a file of the workspace, on the agent that holds it: the video never passes through
 * the controller. Written to a {@code .part} file that is renamed when complete; returns its size and SHA-256.
 */
public final class DownloadToWorkspace extends MasterToSlaveFileCallable<DownloadedVideo> {
    private static final long serialVersionUID = 1L;
    /** The parameter's name, as messages show it. */
    public static final String FIELD = "download";

    private final String taskId;
    private final String url;
    private final String path;

    public DownloadToWorkspace(String taskId, String url, String path) {
        this.taskId = taskId;
        this.url = url;
        this.path = path;
    }

    @Override
    public DownloadedVideo invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        String relative = WorkspaceFiles.checkRelative(path, FIELD);
        try {
            return DirectDownload.fetch(url, WorkspaceFiles.writable(workspace, relative, FIELD), relative);
        } catch (RunwayException e) {
            throw new AbortException(Messages.DownloadToWorkspace_Failed(taskId, relative, e.getMessage()));
        } catch (AbortException e) {
            throw e;
        } catch (IOException e) {
            throw new AbortException(Messages.DownloadToWorkspace_Failed(taskId, relative, String.valueOf(e)));
        }
    }

    /** Names the task and the file, never the pre-signed URL (it works for anyone who has it). */
    @Override
    public String toString() {
        return "DownloadToWorkspace[" + taskId + " -> " + path + "]";
    }
}
