package io.jenkins.plugins.runwayupscale.upscale;

import hudson.AbortException;
import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import io.jenkins.plugins.runwayupscale.client.RunwaySettings;
import io.jenkins.plugins.runwayupscale.client.VideoUris;
import java.io.Serializable;
import java.time.Duration;

/**
 * A checked request with the global defaults filled in: everything an upscale needs except the key. Persisted
 * with a Pipeline's program, so it holds only the credential's id, never its secret, and once the task exists
 * only a summary of a data URI's video.
 */
public final class UpscalePlan implements Serializable {
    private static final long serialVersionUID = 1L;

    // Null once submitted if it was a data URI; then `submittedVideo` describes it.
    private final String videoUri;
    private final VideoSummary submittedVideo;
    private final String credentialsId;
    private final String baseUrl;
    private final String runwayVersion;
    private final String model;
    private final int timeoutMinutes;
    private final boolean archive;
    // The client's settings, checked once in of(); not serializable, so rebuilt from the fields after a restart.
    private transient volatile RunwaySettings settings;

    private UpscalePlan(
            String videoUri,
            VideoSummary submittedVideo,
            String credentialsId,
            String baseUrl,
            String runwayVersion,
            String model,
            int timeoutMinutes,
            boolean archive,
            RunwaySettings settings) {
        this.videoUri = videoUri;
        this.submittedVideo = submittedVideo;
        this.credentialsId = credentialsId;
        this.baseUrl = baseUrl;
        this.runwayVersion = runwayVersion;
        this.model = model;
        this.timeoutMinutes = timeoutMinutes;
        this.archive = archive;
        this.settings = settings;
    }

    /** Checks the request without any I/O and fills in the defaults; the message says which value is wrong. */
    public static UpscalePlan of(UpscaleRequest request, UpscaleDefaults defaults) throws AbortException {
        try {
            String video = VideoUris.validate(request.videoUri());
            String credentialsId = firstGiven(request.credentialsId(), defaults.credentialsId());
            if (credentialsId == null) {
                throw new AbortException(Messages.UpscalePlan_NoCredential());
            }
            int timeout = request.timeoutMinutes() != null ? request.timeoutMinutes() : defaults.timeoutMinutes();
            if (timeout < 1) {
                throw new AbortException(Messages.UpscalePlan_BadTimeout(timeout));
            }
            String baseUrl = given(defaults.baseUrl());
            String runwayVersion = firstGiven(request.runwayVersion(), defaults.runwayVersion());
            String model = firstGiven(request.model(), defaults.model());
            RunwaySettings settings = settings(baseUrl, runwayVersion, model, timeout);
            return new UpscalePlan(
                    video, null, credentialsId, baseUrl, runwayVersion, model, timeout, request.archive(), settings);
        } catch (InvalidInputException e) {
            throw new AbortException(Messages.UpscalePlan_Invalid(e.getMessage()));
        }
    }

    /**
     * The plan to keep once the task exists: a data URI is replaced by its {@link VideoSummary}, so the up to
     * 22 MB of base64 are not written into every saved copy of the Pipeline program while the task runs.
     */
    public UpscalePlan afterSubmission() {
        if (videoUri == null || !videoUri.regionMatches(true, 0, "data:", 0, 5)) {
            return this;
        }
        return new UpscalePlan(
                null,
                VideoSummary.of(videoUri),
                credentialsId,
                baseUrl,
                runwayVersion,
                model,
                timeoutMinutes,
                archive,
                settings);
    }

    /** The client's settings for this plan, as checked when the plan was made. */
    public RunwaySettings settings() {
        RunwaySettings current = settings;
        if (current == null) {
            try {
                current = settings(baseUrl, runwayVersion, model, timeoutMinutes);
            } catch (InvalidInputException e) {
                // Only possible if a newer plugin checks more strictly than the one that saved this plan.
                throw new IllegalStateException(Messages.UpscalePlan_Invalid(e.getMessage()), e);
            }
            settings = current;
        }
        return current;
    }

    private static RunwaySettings settings(String baseUrl, String runwayVersion, String model, int timeoutMinutes)
            throws InvalidInputException {
        return RunwaySettings.builder()
                .baseUrl(baseUrl)
                .runwayVersion(runwayVersion)
                .model(model)
                .waitTimeout(Duration.ofMinutes(timeoutMinutes))
                .build();
    }

    /** The video to submit; only before submission (afterwards a data URI is no longer kept). */
    public String videoUri() {
        if (videoUri == null) {
            throw new IllegalStateException("The video of " + this + " was dropped after its submission");
        }
        return videoUri;
    }

    /** The video as logs and pages show it: the URL, or a data URI abbreviated to its type and size. */
    public String videoForDisplay() {
        return submittedVideo != null ? submittedVideo.display() : VideoUris.forDisplay(videoUri);
    }

    /** What is left of a submitted data URI, or null for a URL or before the submission. */
    public VideoSummary submittedVideo() {
        return submittedVideo;
    }

    public String credentialsId() {
        return credentialsId;
    }

    /** The model that will be asked for. */
    public String model() {
        return model == null ? RunwaySettings.DEFAULT_MODEL : model;
    }

    /** The Runway version that will be sent. */
    public String runwayVersion() {
        return runwayVersion == null ? RunwaySettings.DEFAULT_RUNWAY_VERSION : runwayVersion;
    }

    public Duration timeout() {
        return Duration.ofMinutes(timeoutMinutes);
    }

    public boolean archive() {
        return archive;
    }

    private static String firstGiven(String first, String second) {
        String value = given(first);
        return value != null ? value : given(second);
    }

    private static String given(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        return "UpscalePlan[" + videoForDisplay() + ", model " + model() + ", credential " + credentialsId + "]";
    }
}
