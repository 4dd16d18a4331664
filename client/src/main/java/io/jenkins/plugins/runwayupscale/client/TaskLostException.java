package io.jenkins.plugins.runwayupscale.client;

/** CometAPI does not know the task: not (yet) visible right after submission, or gone after it existed. */
public final class TaskLostException extends RunwayException {
    private static final long serialVersionUID = 2L;
    private final boolean notYetVisible;

    TaskLostException(String description, CallFacts facts, boolean notYetVisible) {
        super(description, facts, null);
        this.notYetVisible = notYetVisible;
    }

    /** True for CometAPI's {@code task_not_exist}, which right after submission only means "not yet". */
    public boolean isNotYetVisible() {
        return notYetVisible;
    }
}
