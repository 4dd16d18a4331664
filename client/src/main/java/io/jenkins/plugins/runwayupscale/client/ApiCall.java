package io.jenkins.plugins.runwayupscale.client;

/**
 * Which call is made and on which task: what the retry rules and every failure message are derived from.
 *
 * @param kind submit, read or cancel
 * @param taskId the task read or cancelled; null for a submission
 */
record ApiCall(CallKind kind, String taskId) {
    static ApiCall submit() {
        return new ApiCall(CallKind.SUBMIT, null);
    }

    static ApiCall read(String taskId) {
        return new ApiCall(CallKind.READ, taskId);
    }

    static ApiCall cancel(String taskId) {
        return new ApiCall(CallKind.CANCEL, taskId);
    }

    /** What was being done, for messages: "submitting the upscale task", "reading task 42". */
    String doing() {
        return switch (kind) {
            case SUBMIT -> "submitting the upscale task";
            case READ -> "reading task " + taskId;
            case CANCEL -> "cancelling task " + taskId;
        };
    }

    /** The facts of a failure of this call that got no answer. */
    CallFacts unanswered() {
        return new CallFacts(taskId, 0, null);
    }

    /** The facts of a failure of this call that CometAPI answered. */
    CallFacts answered(int statusCode, String requestId) {
        return new CallFacts(taskId, statusCode, requestId);
    }
}
