package io.jenkins.plugins.runwayupscale.client;

/**
 * Where a result came from when no task was submitted for it: an earlier task with the same input, model and options.
 *
 * @param build the earlier run that submitted it, as its front door names it ("#12" for a Jenkins build, the
 *     report's file for the command line)
 * @param taskId the earlier task, whose result was taken
 * @param inputSha256 the SHA-256 of the input both had, or null when they were matched by URL
 */
public record ReusedFrom(String build, String taskId, String inputSha256) {}
