package io.jenkins.plugins.runwayupscale;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import io.jenkins.plugins.runwayupscale.upscale.Upscale;
import io.jenkins.plugins.runwayupscale.upscale.UpscaleBuild;
import io.jenkins.plugins.runwayupscale.upscale.UpscaleOutcome;
import io.jenkins.plugins.runwayupscale.upscale.UpscaleRequest;
import io.jenkins.plugins.runwayupscale.upscale.UpscaleService;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The freestyle build step "Upscale a video with Runway": the same upscale as the Pipeline step, waited for on
 * the build's executor (interruptible), with the task id and output URL exported to later build steps.
 */
public class RunwayUpscaleBuilder extends Builder implements SimpleBuildStep {
    private final String videoUri;
    private String credentialsId;
    private String model;
    private String runwayVersion;
    private Integer timeoutMinutes;
    private boolean archive = true;

    @DataBoundConstructor
    public RunwayUpscaleBuilder(String videoUri) {
        this.videoUri = Util.fixEmptyAndTrim(videoUri);
    }

    public String getVideoUri() {
        return videoUri;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getModel() {
        return model;
    }

    @DataBoundSetter
    public void setModel(String model) {
        this.model = Util.fixEmptyAndTrim(model);
    }

    public String getRunwayVersion() {
        return runwayVersion;
    }

    @DataBoundSetter
    public void setRunwayVersion(String runwayVersion) {
        this.runwayVersion = Util.fixEmptyAndTrim(runwayVersion);
    }

    public Integer getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(Integer timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    public boolean isArchive() {
        return archive;
    }

    @DataBoundSetter
    public void setArchive(boolean archive) {
        this.archive = archive;
    }

    /**
     * Blocks the executor until the task ends, as freestyle builds do; an abort interrupts the wait, which stops
     * polling, sends the best-effort cancel and ends the build as aborted.
     */
    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        UpscaleService service = SharedEngine.get().service();
        UpscaleRequest request =
                new UpscaleRequest(env.expand(videoUri), credentialsId, model, runwayVersion, timeoutMinutes, archive);
        Upscale upscale = service.upscale(service.plan(request), UpscaleBuild.of(run, listener));
        upscale.submit(Upscale.SubmissionHook.NONE);
        UpscaleOutcome outcome = upscale.await();
        run.addOrReplaceAction(new UpscaleEnvironmentAction(outcome.taskId(), outcome.outputUrl()));
    }

    /**
     * Offers the build step to freestyle jobs and serves its part of the shared form. No {@code @Symbol}: it would
     * make this step callable from Pipeline too, a weaker twin of {@code runwayUpscale} that holds an executor and
     * does not survive a restart.
     */
    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> implements UpscaleForm {
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return Messages.RunwayUpscaleBuilder_DisplayName();
        }
    }
}
