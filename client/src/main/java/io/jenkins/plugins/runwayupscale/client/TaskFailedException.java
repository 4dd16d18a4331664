package io.jenkins.plugins.runwayupscale.client;

/** The upscale task ended FAILED; the message carries Runway's failure code, its text and what to do. */
public final class TaskFailedException extends RunwayException {
    private static final long serialVersionUID = 2L;
    private final transient RunwayTask task;

    public TaskFailedException(RunwayTask task, String model) {
        super(FailureAdvice.describe(task, model), CallFacts.task(task.id()), null);
        this.task = task;
    }

    /** The task as last read; null after deserialization. */
    public RunwayTask task() {
        return task;
    }
}
