package io.jenkins.plugins.runwayupscale.upscale;

import io.jenkins.plugins.runwayupscale.client.DownloadedVideo;
import java.util.List;

/**
 * A finished, successful upscale.
 *
 * @param taskId the Runway task
 * @param outputs its output URLs (at least one)
 * @param artifacts the archived files' artifact paths, empty when archiving was off
 * @param download the output saved in the workspace, or null when none was asked for
 */
public record UpscaleOutcome(String taskId, List<String> outputs, List<String> artifacts, DownloadedVideo download) {

    public UpscaleOutcome {
        outputs = List.copyOf(outputs);
        artifacts = List.copyOf(artifacts);
    }

    /** An outcome with nothing saved in the workspace. */
    public UpscaleOutcome(String taskId, List<String> outputs, List<String> artifacts) {
        this(taskId, outputs, artifacts, null);
    }

    /** The first output URL: what the Pipeline step returns and the environment variable holds. */
    public String outputUrl() {
        return outputs.get(0);
    }
}
