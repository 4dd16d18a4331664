package io.jenkins.plugins.runwayupscale.client;

/**
 * Base of every failure the engine reports. The task, the HTTP status and CometAPI's request id are fields; the
 * message is written for the user from them and never holds the API key.
 */
public abstract class RunwayException extends Exception {
    private static final long serialVersionUID = 2L;
    private final String taskId;
    private final int statusCode;
    private final String requestId;

    RunwayException(String description, CallFacts facts, Throwable cause) {
        super(message(description, facts), cause);
        this.taskId = facts.taskId();
        this.statusCode = facts.statusCode();
        this.requestId = facts.requestId();
    }

    private static String message(String description, CallFacts facts) {
        return facts.requestId() == null ? description : description + " (request id: " + facts.requestId() + ")";
    }

    /** The task concerned, or null when the failure came before a task id was known. */
    public String taskId() {
        return taskId;
    }

    /** The HTTP status of the failed answer (CometAPI's, or the output host's for a download); 0 when none came. */
    public int statusCode() {
        return statusCode;
    }

    /** CometAPI's request id for the failed answer, to quote to its support; null when it gave none. */
    public String requestId() {
        return requestId;
    }

    CallFacts facts() {
        return new CallFacts(taskId, statusCode, requestId);
    }
}
