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
 * @param reused true when nothing was submitted and the task is an earlier one's, already ended: it is never
 *     cancelled (Runway's cancel deletes a finished task, and another build's result with it)
 */
public record Submission(String taskId, Instant submittedAt, boolean reused) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Submission {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }

    /** A task CometAPI accepted for this upscale. */
    public Submission(String taskId, Instant submittedAt) {
        this(taskId, submittedAt, false);
    }
}
