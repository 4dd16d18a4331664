package io.jenkins.plugins.runwayupscale.client;

/**
 * What a {@link RunwayException} records of the call it came from.
 *
 * @param taskId the task concerned, or null when no task id was known
 * @param statusCode the HTTP status CometAPI answered with, or 0 when no answer was involved
 * @param requestId CometAPI's request id for the answer, or null when it gave none
 */
record CallFacts(String taskId, int statusCode, String requestId) {
    /** A failure found here, before or without any call. */
    static final CallFacts LOCAL = new CallFacts(null, 0, null);

    /** A failure about a known task that no HTTP answer caused (it failed, was cancelled, or the wait ran out). */
    static CallFacts task(String taskId) {
        return new CallFacts(taskId, 0, null);
    }
}
