package io.jenkins.plugins.runwayupscale.upscale;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A task CometAPI accepted: its id and when it was submitted, known together and saved together, so a restart never
 * finds one without the other.
 *
 * @param taskId the Runway task
 * @param submittedAt when the submission was sent; the wait's timeout counts from here, also across a restart
 */
public record Submission(String taskId, Instant submittedAt) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Submission {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }
}
