package io.jenkins.plugins.runwayupscale;

import hudson.AbortException;
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
import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import io.jenkins.plugins.runwayupscale.reuse.ReuseMode;
import io.jenkins.plugins.runwayupscale.upscale.Upscale;
import io.jenkins.plugins.runwayupscale.upscale.UpscaleBuild;
import io.jenkins.plugins.runwayupscale.upscale.UpscaleOutcome;
import io.jenkins.plugins.runwayupscale.upscale.UpscaleRequest;
import io.jenkins.plugins.runwayupscale.upscale.UpscaleService;
import io.jenkins.plugins.runwayupscale.workspace.AgentWorkspace;
import java.io.IOException;
import java.util.Map;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The freestyle build step "Upscale a video with Runway": the same upscale as the Pipeline step, waited for on
 * the build's executor (interruptible), with the task id and output URL exported to later build steps.
 */
public class RunwayUpscaleBuilder extends Builder implements SimpleBuildStep {
    private String videoUri;
    private String credentialsId;
    private String model;
    private String runwayVersion;
    private Integer timeoutMinutes;
    private boolean archive = true;
    private String videoFile;
    private String download;
    private boolean archiveVideo;
    private Integer dataUriLimitMB;
    private String reuse;
    private String options;

    /** No parameter is required, as for the Pipeline step: videoUri or videoFile is checked when the build runs. */
    @DataBoundConstructor
    public RunwayUpscaleBuilder() {}

    @DataBoundSetter
    public void setVideoUri(String videoUri) {
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

    /** A video in the workspace, sent inline. Instead of {@code videoUri}. */
    @DataBoundSetter
    public void setVideoFile(String videoFile) {
        this.videoFile = Util.fixEmptyAndTrim(videoFile);
    }

    public String getDownload() {
        return download;
    }

    /** A workspace path to save the upscaled video as. */
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

    /** Extra model options, one {@code key=value} per line. */
    public String getOptions() {
        return options;
    }

    @DataBoundSetter
    public void setOptions(String options) {
        this.options = Util.fixEmptyAndTrim(options);
    }

    public String getReuse() {
        return reuse;
    }

    /**
     * When to take the result of an earlier upscale of this job instead of submitting: {@code content} (the default:
     * the same video content, model and options), {@code uri} (also the same video URL) or {@code never}.
     */
    @DataBoundSetter
    public void setReuse(String reuse) {
        String given = Util.fixEmptyAndTrim(reuse);
        // The default is kept as null, so a form (whose select always sends a value) round-trips to what was written.
        this.reuse = ReuseMode.CONTENT.parameter().equalsIgnoreCase(given) ? null : given;
    }

    /**
     * Blocks the executor until the task ends, as freestyle builds do; an abort interrupts the wait, which stops
     * polling, sends the best-effort cancel and ends the build as aborted.
     */
    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        UpscaleService service = SharedEngine.get().service();
        Map<String, Object> parsed;
        try {
            parsed = OptionLines.parseThenExpand(options, env::expand);
        } catch (InvalidInputException e) {
            throw new AbortException(e.getMessage());
        }
        UpscaleRequest request = new UpscaleRequest(
                expand(env, videoUri),
                credentialsId,
                model,
                runwayVersion,
                timeoutMinutes,
                archive,
                expand(env, videoFile),
                expand(env, download),
                archiveVideo,
                parsed,
                dataUriLimitMB,
                reuse);
        Upscale upscale =
                service.upscale(service.plan(request), UpscaleBuild.of(run, listener, AgentWorkspace.of(workspace)));
        upscale.submit(Upscale.SubmissionHook.NONE);
        UpscaleOutcome outcome = upscale.await();
        run.addOrReplaceAction(new UpscaleEnvironmentAction(outcome.taskId(), outcome.outputUrl()));
    }

    private static String expand(EnvVars env, String value) {
        return value == null ? null : env.expand(value);
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

        /** The help texts are written once, beside the Pipeline step, where structs reads them for Pipeline Syntax. */
        public DescriptorImpl() {
            for (String field : UpscaleForm.FIELDS) {
                addHelpFileRedirect(field, RunwayUpscaleStep.class, field);
            }
        }

        @Override
        public String getDisplayName() {
            return Messages.RunwayUpscaleBuilder_DisplayName();
        }
    }
}
