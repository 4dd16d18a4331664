package io.jenkins.plugins.runwayupscale.upscale;

import java.util.List;

/**
 * A finished, successful upscale.
 *
 * @param taskId the Runway task
 * @param outputs its output URLs (at least one)
 * @param artifacts the archived files' artifact paths, empty when archiving was off
 */
public record UpscaleOutcome(String taskId, List<String> outputs, List<String> artifacts) {

    public UpscaleOutcome {
        outputs = List.copyOf(outputs);
        artifacts = List.copyOf(artifacts);
    }

    /** The first output URL: what the Pipeline step returns and the environment variable holds. */
    public String outputUrl() {
        return outputs.get(0);
    }
}
