package io.jenkins.plugins.runwayupscale.client;

/** The upscale task ended CANCELLED (cancelled or deleted on Runway's side). */
public final class TaskCancelledException extends RunwayException {
    private static final long serialVersionUID = 2L;

    public TaskCancelledException(String taskId) {
        super(
                "Runway task " + taskId + " was cancelled or deleted before it finished; no output was produced.",
                CallFacts.task(taskId),
                null);
    }
}
