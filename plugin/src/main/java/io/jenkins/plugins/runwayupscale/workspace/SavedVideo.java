package io.jenkins.plugins.runwayupscale.workspace;

import io.jenkins.plugins.runwayupscale.client.DownloadedVideo;
import java.io.Serializable;

/**
 * What the agent reports of an output it saved into the workspace. A type of the plugin's own jar, like
 * {@link CopiedVideo}, so that Jenkins' class filter lets the answer through.
 *
 * @param file the path the user gave, relative to the workspace
 * @param bytes its size
 * @param sha256 its SHA-256, lower-case hex
 * @param contentType the Content-Type the output host gave, or null
 */
public record SavedVideo(String file, long bytes, String sha256, String contentType) implements Serializable {
    private static final long serialVersionUID = 1L;

    static SavedVideo of(DownloadedVideo saved) {
        return new SavedVideo(saved.file(), saved.bytes(), saved.sha256(), saved.contentType());
    }

    public DownloadedVideo toDownloadedVideo() {
        return new DownloadedVideo(file, bytes, sha256, contentType);
    }
}
