package io.jenkins.plugins.runwayupscale;

import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.InvisibleAction;
import hudson.model.Run;

/**
 * Hands the last upscale's task id and output URL to the build steps after it, as {@value #TASK_ID} and
 * {@value #OUTPUT_URL}.
 */
public final class UpscaleEnvironmentAction extends InvisibleAction implements EnvironmentContributingAction {
    public static final String TASK_ID = "RUNWAY_UPSCALE_TASK_ID";
    public static final String OUTPUT_URL = "RUNWAY_UPSCALE_OUTPUT_URL";

    private final String taskId;
    private final String outputUrl;

    public UpscaleEnvironmentAction(String taskId, String outputUrl) {
        this.taskId = taskId;
        this.outputUrl = outputUrl;
    }

    @Override
    public void buildEnvironment(Run<?, ?> run, EnvVars env) {
        env.put(TASK_ID, taskId);
        env.put(OUTPUT_URL, outputUrl);
    }
}
