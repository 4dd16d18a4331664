package io.jenkins.plugins.runwayupscale;

import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.runwayupscale.upscale.UpscaleRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private String videoFile;
    private String download;
    private boolean archiveVideo;
    private Integer dataUriLimitMB;
    // LinkedHashMap: the step is kept with the build's flow, and the map must stay serializable and in order.
    private LinkedHashMap<String, Object> options = new LinkedHashMap<>();

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

    public String getVideoFile() {
        return videoFile;
    }

    /** A video in the workspace, sent inline; needs {@code node {}}. Instead of {@code videoUri}. */
    @DataBoundSetter
    public void setVideoFile(String videoFile) {
        this.videoFile = Util.fixEmptyAndTrim(videoFile);
    }

    public String getDownload() {
        return download;
    }

    /** A workspace path to save the upscaled video as; needs {@code node {}}. */
    @DataBoundSetter
    public void setDownload(String download) {
        this.download = Util.fixEmptyAndTrim(download);
    }

    public boolean isArchiveVideo() {
        return archiveVideo;
    }

    @DataBoundSetter
    public void setArchiveVideo(boolean archiveVideo) {
        this.archiveVideo = archiveVideo;
    }

    public Integer getDataUriLimitMB() {
        return dataUriLimitMB;
    }

    /** The largest video sent inline, in MB; null (the default) for the model's own limit. */
    @DataBoundSetter
    public void setDataUriLimitMB(Integer dataUriLimitMB) {
        this.dataUriLimitMB = dataUriLimitMB;
    }

    public Map<String, Object> getOptions() {
        return Collections.unmodifiableMap(options);
    }

    /** Extra model options, a map such as {@code [resolution: '4k', creativity: 30]}; checked when the step starts. */
    @DataBoundSetter
    public void setOptions(Map<String, Object> options) {
        this.options = options == null ? new LinkedHashMap<>() : new LinkedHashMap<>(options);
    }

    UpscaleRequest request() {
        return new UpscaleRequest(
                videoUri,
                credentialsId,
                model,
                runwayVersion,
                timeoutMinutes,
                archive,
                videoFile,
                download,
                archiveVideo,
                options,
                dataUriLimitMB);
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

        /**
         * No FilePath or Launcher: the step runs outside {@code node {}} and holds no executor while it waits; only
         * videoFile and download use the workspace, and then say so when there is none.
         */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
