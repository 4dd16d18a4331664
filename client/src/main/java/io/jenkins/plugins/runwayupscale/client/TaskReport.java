package io.jenkins.plugins.runwayupscale.client;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param options the model options sent (empty when none)
 * @param videoFile the file sent inline, described without its data; null when the input was a URI
 * @param download the output saved to a file; null when it was not downloaded
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
        Instant completedAt,
        Map<String, Object> options,
        InlineVideo videoFile,
        DownloadedVideo download) {

    public TaskReport {
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A report without options, input file or download. */
    public TaskReport(
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
        this(
                taskId,
                model,
                runwayVersion,
                videoUri,
                status,
                outputs,
                failureCode,
                failure,
                submittedAt,
                completedAt,
                Map.of(),
                null,
                null);
    }

    /** The same report with the model options that were sent. */
    public TaskReport withOptions(Map<String, Object> sent) {
        return new TaskReport(
                taskId,
                model,
                runwayVersion,
                videoUri,
                status,
                outputs,
                failureCode,
                failure,
                submittedAt,
                completedAt,
                sent,
                videoFile,
                download);
    }

    /** The same report naming the file that was sent inline. */
    public TaskReport withVideoFile(InlineVideo file) {
        return new TaskReport(
                taskId,
                model,
                runwayVersion,
                videoUri,
                status,
                outputs,
                failureCode,
                failure,
                submittedAt,
                completedAt,
                options,
                file,
                download);
    }

    /** The same report with the saved output. */
    public TaskReport withDownload(DownloadedVideo saved) {
        return new TaskReport(
                taskId,
                model,
                runwayVersion,
                videoUri,
                status,
                outputs,
                failureCode,
                failure,
                submittedAt,
                completedAt,
                options,
                videoFile,
                saved);
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
                completedAt,
                settings.getModelOptions(),
                null,
                null);
    }
}
