package io.jenkins.plugins.runwayupscale.client;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is kept of one finished task: the plugin and the command line build it here, from the task or from the
 * failure that ended the wait, so both write the same {@code runway-upscale/<taskId>.json} for the same outcome.
 *
 * @param taskId the task
 * @param model the model asked for
 * @param runwayVersion the X-Runway-Version sent
 * @param videoUri the input as given (data URIs are abbreviated when written)
 * @param status how the task ended, as far as we know
 * @param outputs output URLs (only when SUCCEEDED)
 * @param failureCode Runway's failure code when FAILED
 * @param failure Runway's failure text when FAILED
 * @param submittedAt when it was submitted
 * @param completedAt when we saw it end (or gave up)
 * @param options the model options sent (empty when none)
 * @param videoFile the file sent inline, described without its data; null when the input was a URI
 * @param download the output saved to a file; null when it was not downloaded
 * @param reusedFrom the earlier task whose result this is, when nothing was submitted; else null
 */
public record TaskReport(
        String taskId,
        String model,
        String runwayVersion,
        String videoUri,
        Status status,
        List<String> outputs,
        String failureCode,
        String failure,
        Instant submittedAt,
        Instant completedAt,
        Map<String, Object> options,
        InlineVideo videoFile,
        DownloadedVideo download,
        ReusedFrom reusedFrom) {

    /** How a task ended, as written into the report. */
    public enum Status {
        /** The task finished and gave its outputs. */
        SUCCEEDED,
        /** Runway reported the task FAILED; the failure code and text say why. */
        FAILED,
        /** The task was cancelled or deleted on Runway's side. */
        CANCELLED,
        /** The wait ran out; the task may still be running. */
        TIMED_OUT,
        /** Anything else ended the wait (the task was lost, CometAPI refused or failed); the task's end is unknown. */
        ERROR;

        /** The status a failure of the wait stands for. */
        public static Status of(Throwable failure) {
            Throwable cause = Futures.cause(failure);
            if (cause instanceof TaskFailedException) {
                return FAILED;
            }
            if (cause instanceof TaskCancelledException) {
                return CANCELLED;
            }
            if (cause instanceof TaskTimedOutException) {
                return TIMED_OUT;
            }
            return ERROR;
        }
    }

    /**
     * What is known of a task from the moment it is submitted.
     *
     * @param taskId the task
     * @param model the model asked for
     * @param runwayVersion the X-Runway-Version sent
     * @param videoUri the input as given
     * @param submittedAt when it was submitted
     */
    public record Submission(String taskId, String model, String runwayVersion, String videoUri, Instant submittedAt) {
        /** The submission of a task with these settings. */
        public static Submission of(String taskId, RunwaySettings settings, String videoUri, Instant submittedAt) {
            return new Submission(taskId, settings.model(), settings.runwayVersion(), videoUri, submittedAt);
        }

        /**
         * The submission of a video file sent inline: its input is written as the data URI it became,
         * {@code data:<type>;base64,... (<n> bytes)}, as for a data URI given as text. Add the file itself to the
         * report with {@link TaskReport#withVideoFile}({@link InlineVideoFile#video()}).
         */
        public static Submission of(
                String taskId, RunwaySettings settings, InlineVideoFile video, Instant submittedAt) {
            return of(taskId, settings, video.displayUri(), submittedAt);
        }
    }

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
            Status status,
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
                null,
                null);
    }

    /**
     * A report with options, input file and download, and no reuse.
     */
    public TaskReport(
            String taskId,
            String model,
            String runwayVersion,
            String videoUri,
            Status status,
            List<String> outputs,
            String failureCode,
            String failure,
            Instant submittedAt,
            Instant completedAt,
            Map<String, Object> options,
            InlineVideo videoFile,
            DownloadedVideo download) {
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
                options,
                videoFile,
                download,
                null);
    }

    /** The same report with the model options that were sent. */
    public TaskReport withOptions(Map<String, Object> sent) {
        return with(sent, videoFile, download, reusedFrom);
    }

    /** The same report naming the file that was sent inline. */
    public TaskReport withVideoFile(InlineVideo file) {
        return with(options, file, download, reusedFrom);
    }

    /** The same report with the saved output. */
    public TaskReport withDownload(DownloadedVideo saved) {
        return with(options, videoFile, saved, reusedFrom);
    }

    /** The same report saying whose result it took. */
    public TaskReport withReusedFrom(ReusedFrom earlier) {
        return with(options, videoFile, download, earlier);
    }

    private TaskReport with(
            Map<String, Object> sentOptions, InlineVideo sentFile, DownloadedVideo saved, ReusedFrom earlier) {
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
                sentOptions,
                sentFile,
                saved,
                earlier);
    }

    /** The report of a task the wait returned: it SUCCEEDED, with its outputs. */
    public static TaskReport succeeded(Submission submission, RunwayTask task, Instant completedAt) {
        return of(submission, Status.SUCCEEDED, task.outputs(), null, completedAt);
    }

    /**
     * The report of a wait that ended with {@code failure} (as thrown, or wrapped by a future): FAILED with Runway's
     * code and text, CANCELLED, TIMED_OUT, or ERROR for anything else.
     */
    public static TaskReport failed(Submission submission, Throwable failure, Instant completedAt) {
        Throwable cause = Futures.cause(failure);
        RunwayTask failedTask = cause instanceof TaskFailedException f ? f.task() : null;
        return of(submission, Status.of(cause), List.of(), failedTask, completedAt);
    }

    private static TaskReport of(
            Submission s, Status status, List<String> outputs, RunwayTask failedTask, Instant completedAt) {
        return new TaskReport(
                s.taskId(),
                s.model(),
                s.runwayVersion(),
                s.videoUri(),
                status,
                outputs,
                failedTask == null ? null : failedTask.failureCode(),
                failedTask == null ? null : failedTask.failure(),
                s.submittedAt(),
                completedAt,
                Map.of(),
                null,
                null);
    }
}
