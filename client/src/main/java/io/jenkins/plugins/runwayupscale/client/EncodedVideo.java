package io.jenkins.plugins.runwayupscale.client;

import java.io.Serializable;

/**
 * A video read into a {@code data:} URI, with its description. Lives only as long as the submission needs it:
 * store the {@link #video()} description, never this.
 *
 * @param video what the data URI holds
 * @param dataUri {@code data:<type>;base64,<data>}
 */
public record EncodedVideo(InlineVideo video, String dataUri) implements Serializable {
    /** Names the video, never its data. */
    @Override
    public String toString() {
        return "EncodedVideo[" + video + "]";
    }
}
