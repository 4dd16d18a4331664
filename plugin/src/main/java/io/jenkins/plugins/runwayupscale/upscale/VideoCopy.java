package io.jenkins.plugins.runwayupscale.upscale;

import io.jenkins.plugins.runwayupscale.client.DataUriLimit;
import io.jenkins.plugins.runwayupscale.client.InlineVideo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A workspace video copied from the agent to a temporary file of the controller, for its submission: the request is
 * made from this file, and the file is deleted once the submission no longer needs it ({@link #close()}).
 *
 * @param file the controller's copy, readable by the Jenkins user only
 * @param video what the agent read: name, media type, size and SHA-256
 */
record VideoCopy(Path file, InlineVideo video) implements AutoCloseable {
    /** Copies {@code path} from the workspace; nothing is left behind when the copy fails. */
    static VideoCopy of(BuildWorkspace workspace, String path, DataUriLimit limit)
            throws IOException, InterruptedException {
        Path copy = Files.createTempFile("runway-upscale-", ".video");
        // A backstop only: every path deletes the copy itself, but an abort can race the copy's last moment.
        copy.toFile().deleteOnExit();
        boolean done = false;
        try {
            InlineVideo video;
            try (OutputStream into = Files.newOutputStream(copy)) {
                video = workspace.copyVideo(path, limit, into);
            }
            done = true;
            return new VideoCopy(copy, video);
        } finally {
            if (!done) {
                Files.deleteIfExists(copy);
            }
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
