package io.jenkins.plugins.runwayupscale;

import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.runwayupscale.upscale.EarlierArtifacts;
import java.io.IOException;
import java.io.InputStream;
import jenkins.model.Jenkins;
import jenkins.util.VirtualFile;

/**
 * Earlier builds' archived videos, through each build's own artifact manager (so remote artifact storage works). Only
 * the one build the job's index names is loaded, never the job's history.
 */
final class JenkinsArtifacts implements EarlierArtifacts {
    @Override
    public InputStream open(Run<?, ?> current, int build, String artifact) throws IOException {
        Run<?, ?> earlier = earlier(current, build);
        if (earlier == null) {
            return null;
        }
        VirtualFile file = earlier.getArtifactManager().root().child(artifact);
        return file.isFile() ? file.open() : null;
    }

    @Override
    public String url(Run<?, ?> current, int build, String artifact) {
        Run<?, ?> earlier = earlier(current, build);
        String root = Jenkins.get().getRootUrl();
        return earlier == null || root == null ? null : root + earlier.getUrl() + "artifact/" + artifact;
    }

    private static Run<?, ?> earlier(Run<?, ?> current, int build) {
        Job<?, ?> job = current.getParent();
        return job.getBuildByNumber(build);
    }
}
