package io.jenkins.plugins.runwayupscale.workspace;

import io.jenkins.plugins.runwayupscale.client.InlineVideo;
import java.io.Serializable;

/**
 * What the agent reports of a workspace video it copied to the controller. A type of the plugin's own jar on
 * purpose: the controller reads an agent's answer through Jenkins' class filter, which rejects the classes of
 * library jars bundled in a plugin (the client's {@link InlineVideo} among them).
 *
 * @param name the path the user gave, relative to the workspace
 * @param mediaType the media type read from the video's first bytes
 * @param bytes its size
 * @param sha256 its SHA-256, lower-case hex
 */
public record CopiedVideo(String name, String mediaType, long bytes, String sha256) implements Serializable {
    private static final long serialVersionUID = 1L;

    public InlineVideo toInlineVideo() {
        return new InlineVideo(name, mediaType, bytes, sha256);
    }
}
