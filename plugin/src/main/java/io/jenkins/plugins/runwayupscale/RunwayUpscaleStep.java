package io.jenkins.plugins.runwayupscale;

import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.runwayupscale.upscale.UpscaleRequest;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The Pipeline step {@code runwayUpscale}: upscales a video and returns the output URL, without holding an
 * executor (it works outside {@code node {}}).
 */
public class RunwayUpscaleStep extends Step {
    private final String videoUri;
    private String credentialsId;
    private String model;
    private String runwayVersion;
    private Integer timeoutMinutes;
    private boolean archive = true;

    @DataBoundConstructor
    public RunwayUpscaleStep(String videoUri) {
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

    UpscaleRequest request() {
        return new UpscaleRequest(videoUri, credentialsId, model, runwayVersion, timeoutMinutes, archive);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new UpscaleExecution(context, request());
    }

    /** Names the step and serves its part of the shared form. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor implements UpscaleForm {
        /** The help texts are written once, beside the build step that shares this form. */
        public DescriptorImpl() {
            for (String field : UpscaleForm.FIELDS) {
                addHelpFileRedirect(field, RunwayUpscaleBuilder.class, field);
            }
        }

        @Override
        public String getFunctionName() {
            return "runwayUpscale";
        }

        @Override
        public String getDisplayName() {
            return Messages.RunwayUpscaleStep_DisplayName();
        }

        /** No FilePath or Launcher: the step runs outside {@code node {}} and holds no executor while it waits. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
