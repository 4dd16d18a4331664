package io.jenkins.plugins.runwayupscale;

import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import io.jenkins.plugins.runwayupscale.client.ModelOptions;
import io.jenkins.plugins.runwayupscale.reuse.ReuseMode;
import io.jenkins.plugins.runwayupscale.upscale.UpscaleRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
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
    private static final String OPTIONS = "options";

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

    /**
     * No parameter is required: structs would count a constructor parameter as required, and Declarative would then
     * refuse {@code runwayUpscale videoFile: ...}. "Exactly one of videoUri and videoFile" is checked when the step
     * starts, before anything is sent.
     */
    @DataBoundConstructor
    public RunwayUpscaleStep() {}

    public String getVideoUri() {
        return videoUri;
    }

    /** An https URL of the video (or a {@code data:} URI). Instead of {@code videoFile}. */
    @DataBoundSetter
    public void setVideoUri(String videoUri) {
        this.videoUri = Util.fixEmptyAndTrim(videoUri);
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

    public String getOptions() {
        return options;
    }

    /**
     * Extra model options as {@code key=value} lines, checked when the step starts. A Pipeline may give a map instead
     * ({@code [resolution: '4k', creativity: 30]}): the descriptor turns it into these lines before binding, so the
     * parameter has a type the Snippet Generator and the Steps Reference can show.
     */
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

    UpscaleRequest request() throws AbortException {
        Map<String, Object> parsed;
        try {
            parsed = ModelOptions.parseLines(options, "options");
        } catch (InvalidInputException e) {
            throw new AbortException(e.getMessage());
        }
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
                parsed,
                dataUriLimitMB,
                reuse);
    }

    @Override
    public StepExecution start(StepContext context) throws AbortException {
        return new UpscaleExecution(context, request());
    }

    /** Names the step and serves its part of the shared form. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor implements UpscaleForm, CustomDescribableModel {
        /** A Pipeline's map of options becomes the lines the parameter holds. */
        @Override
        public Map<String, Object> customInstantiate(Map<String, Object> arguments) {
            Object given = arguments.get(OPTIONS);
            if (!(given instanceof Map<?, ?> map)) {
                return arguments;
            }
            Map<String, Object> bound = new LinkedHashMap<>(arguments);
            bound.put(OPTIONS, OptionLines.toLines(map));
            return bound;
        }

        /** The Snippet Generator writes options as a map, the way a Pipeline author writes them. */
        @Override
        public UninstantiatedDescribable customUninstantiate(UninstantiatedDescribable step) {
            Object lines = step.getArguments().get(OPTIONS);
            Map<String, Object> map = lines instanceof String text ? OptionLines.toMap(text) : null;
            if (map == null) {
                return step;
            }
            Map<String, Object> arguments = new TreeMap<>(step.getArguments());
            arguments.put(OPTIONS, map);
            return step.withArguments(arguments);
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
