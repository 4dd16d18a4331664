package io.jenkins.plugins.runwayupscale.upscale;

import hudson.model.TaskListener;
import io.jenkins.plugins.runwayupscale.client.DownloadedVideo;
import io.jenkins.plugins.runwayupscale.client.InlineVideo;
import io.jenkins.plugins.runwayupscale.client.RunwayTask;
import io.jenkins.plugins.runwayupscale.client.TaskStatus;
import java.util.List;

/** What an upscale tells the build's console: the task id, each status, progress in 10% steps, outputs, files. */
final class UpscaleConsole {
    private final TaskListener listener;
    private int shownDecile = -1;

    UpscaleConsole(TaskListener listener) {
        this.listener = listener;
    }

    void submitting(UpscalePlan plan) {
        InlineVideo file = plan.sentFile();
        say(
                file == null
                        ? Messages.UpscaleConsole_Submitting(plan.videoForDisplay(), plan.model(), plan.runwayVersion())
                        : Messages.UpscaleConsole_SubmittingFile(
                                file.name(),
                                file.mediaType(),
                                String.valueOf(file.bytes()),
                                file.sha256(),
                                plan.model(),
                                plan.runwayVersion()));
    }

    void reading(String path) {
        say(Messages.UpscaleConsole_Reading(path));
    }

    void downloading(String taskId, String path, int outputs) {
        say(
                outputs > 1
                        ? Messages.UpscaleConsole_DownloadingFirst(taskId, path, outputs)
                        : Messages.UpscaleConsole_Downloading(taskId, path));
    }

    void downloaded(DownloadedVideo saved) {
        say(Messages.UpscaleConsole_Downloaded(saved.file(), String.valueOf(saved.bytes()), saved.sha256()));
    }

    void submitted(String taskId) {
        say(Messages.UpscaleConsole_Submitted(taskId));
    }

    void reused(String taskId, int build, String what) {
        say(Messages.UpscaleConsole_Reused(taskId, String.valueOf(build), what));
    }

    void restored(String artifact, int build) {
        say(Messages.UpscaleConsole_Restored(artifact, String.valueOf(build)));
    }

    void notReused(String taskId, int build, String why) {
        say(Messages.UpscaleConsole_NotReused(taskId, String.valueOf(build), why));
    }

    void waitingForParallel(String what) {
        say(Messages.UpscaleConsole_WaitingForParallel(what));
    }

    void resumed(String taskId) {
        say(Messages.UpscaleConsole_Resumed(taskId));
    }

    void saveFailed(String taskId, Throwable error) {
        say(Messages.UpscaleConsole_SaveFailed(taskId, String.valueOf(error.getMessage())));
    }

    void status(RunwayTask task) {
        say(Messages.UpscaleConsole_Status(task.id(), task.describeStatus()));
        if (task.progress() != null) {
            shownDecile = Math.max(shownDecile, task.percent() / 10);
        }
    }

    /** Only a change of at least a tenth is worth a line; a long task would otherwise flood the log. */
    void progress(RunwayTask task) {
        if (task.progress() == null || task.status() != TaskStatus.RUNNING) {
            return;
        }
        int decile = task.percent() / 10;
        if (decile > shownDecile) {
            shownDecile = decile;
            say(Messages.UpscaleConsole_Progress(task.id(), decile * 10));
        }
    }

    void unknownStatus(RunwayTask task) {
        say(Messages.UpscaleConsole_UnknownStatus(task.id(), task.rawStatus()));
    }

    void notYetVisible(String taskId) {
        say(Messages.UpscaleConsole_NotYetVisible(taskId));
    }

    void succeeded(RunwayTask task) {
        for (String output : task.outputs()) {
            say(Messages.UpscaleConsole_Output(task.id(), output));
        }
    }

    void archived(List<String> artifacts) {
        say(Messages.UpscaleConsole_Archived(String.join(", ", artifacts)));
    }

    void archiveFailed(String message) {
        say(Messages.UpscaleConsole_ArchiveFailed(message));
    }

    void stoppedBeforeSubmission() {
        say(Messages.UpscaleConsole_StoppingUnsubmitted());
    }

    void stoppedAfterTheEnd(String taskId) {
        say(Messages.UpscaleConsole_StoppedAfterTheEnd(taskId));
    }

    void cancelSent(String taskId) {
        say(Messages.UpscaleConsole_Stopping(taskId));
    }

    void notCancelled(String taskId, String reason) {
        say(Messages.UpscaleConsole_NotCancelled(taskId, reason));
    }

    private void say(String line) {
        listener.getLogger().println(line);
    }
}
