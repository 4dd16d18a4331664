package io.jenkins.plugins.runwayupscale.workspace;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/**
 * Checks on the agent, before anything is sent to CometAPI, that {@code download} can be saved where it names: a
 * folder on the way that is a file, or a link that leads out of the workspace, would otherwise be found only after
 * the task was paid. Creates and changes nothing; answers the checked path (a plain string crosses the channel).
 */
public final class CheckDownloadTarget extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    private final String path;

    public CheckDownloadTarget(String path) {
        this.path = path;
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) throws IOException {
        WorkspaceFiles.checkWritable(workspace, path, DownloadToWorkspace.FIELD);
        return path;
    }

    @Override
    public String toString() {
        return "CheckDownloadTarget[" + path + "]";
    }
}
