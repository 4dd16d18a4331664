package io.jenkins.plugins.runwayupscale.client;

import java.time.Instant;
import java.util.List;

/**
 * What is kept of one finished task, the same from the plugin and the command line.
 *
 * @param taskId the task
 * @param model the model asked for
 * @param runwayVersion the X-Runway-Version sent
 * @param videoUri the input as given (data URIs are abbreviated when written)
 * @param status the final status name (SUCCEEDED, FAILED, CANCELLED, or the last one seen)
 * @param outputs output URLs
 * @param failureCode Runway's failure code when failed
 * @param failure Runway's failure text when failed
 * @param submittedAt when it was submitted
 * @param completedAt when we saw it end
 */
public record TaskReport(
        String taskId,
        String model,
        String runwayVersion,
        String videoUri,
        String status,
        List<String> outputs,
        String failureCode,
        String failure,
        Instant submittedAt,
        Instant completedAt) {

    public TaskReport {
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }

    /** A report of a task as read at its end. */
    public static TaskReport of(
            RunwayTask task, RunwaySettings settings, String videoUri, Instant submittedAt, Instant completedAt) {
        return new TaskReport(
                task.id(),
                settings.getModel(),
                settings.getRunwayVersion(),
                videoUri,
                task.status().name(),
                task.outputs(),
                task.failureCode(),
                task.failure(),
                submittedAt,
                completedAt);
    }
}
