package io.jenkins.plugins.runwayupscale.client;

/** CometAPI does not know the task: not (yet) visible right after submission, or gone after it existed. */
public final class TaskLostException extends RunwayException {
    private static final long serialVersionUID = 1L;
    private final boolean notYetVisible;

    public TaskLostException(String message, boolean notYetVisible) {
        super(message);
        this.notYetVisible = notYetVisible;
    }

    /** True for CometAPI's {@code task_not_exist}, which right after submission only means "not yet". */
    public boolean isNotYetVisible() {
        return notYetVisible;
    }
}
