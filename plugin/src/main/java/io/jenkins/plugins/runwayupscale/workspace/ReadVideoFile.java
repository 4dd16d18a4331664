package io.jenkins.plugins.runwayupscale.workspace;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.runwayupscale.client.DataUriLimit;
import io.jenkins.plugins.runwayupscale.client.EncodedVideo;
import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import io.jenkins.plugins.runwayupscale.client.VideoEncoder;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/**
 * Reads a video of the workspace into a {@code data:} URI on the agent that holds it. Refuses, before anything is
 * sent, a path outside the workspace, a missing file, a file that is not a video and one over the data-URI limit.
 */
public final class ReadVideoFile extends MasterToSlaveFileCallable<EncodedVideo> {
    private static final long serialVersionUID = 1L;
    /** The parameter's name, as messages show it. */
    public static final String FIELD = "videoFile";

    private final String path;
    private final DataUriLimit limit;

    public ReadVideoFile(String path, DataUriLimit limit) {
        this.path = path;
        this.limit = limit;
    }

    @Override
    public EncodedVideo invoke(File workspace, VirtualChannel channel) throws IOException {
        String relative = WorkspaceFiles.checkRelative(path, FIELD);
        try {
            return VideoEncoder.encode(WorkspaceFiles.existing(workspace, relative, FIELD), relative, limit);
        } catch (InvalidInputException e) {
            throw new AbortException(Messages.ReadVideoFile_Failed(e.getMessage()));
        }
    }
}
