package io.jenkins.plugins.runwayupscale.upscale;

import hudson.model.Run;
import java.io.IOException;
import java.io.InputStream;

/**
 * The videos earlier builds of the same job archived ({@code archiveVideo}): what reuse falls back to when an earlier
 * task can no longer be read. A seam, so the flow is tested without Jenkins.
 */
public interface EarlierArtifacts {
    /** None: for callers without a job. */
    EarlierArtifacts NONE = new EarlierArtifacts() {
        @Override
        public InputStream open(Run<?, ?> current, int build, String artifact) {
            return null;
        }

        @Override
        public String url(Run<?, ?> current, int build, String artifact) {
            return null;
        }
    };

    /** Build {@code build} of {@code current}'s job's archived file, open for reading; null when either is gone. */
    InputStream open(Run<?, ?> current, int build, String artifact) throws IOException;

    /** Where that file can be fetched now (through Jenkins), or null when Jenkins' URL is not configured. */
    String url(Run<?, ?> current, int build, String artifact);
}
