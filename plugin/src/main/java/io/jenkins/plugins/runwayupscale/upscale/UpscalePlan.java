package io.jenkins.plugins.runwayupscale.upscale;

import hudson.AbortException;
import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import io.jenkins.plugins.runwayupscale.client.RunwaySettings;
import io.jenkins.plugins.runwayupscale.client.VideoUris;
import java.io.Serializable;
import java.time.Duration;

/**
 * A checked request with the global defaults filled in: everything an upscale needs except the key. Persisted
 * with a Pipeline's program, so it holds only the credential's id, never its secret.
 */
public final class UpscalePlan implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String videoUri;
    private final String credentialsId;
    private final String baseUrl;
    private final String runwayVersion;
    private final String model;
    private final int timeoutMinutes;
    private final boolean archive;

    private UpscalePlan(
            String videoUri,
            String credentialsId,
            String baseUrl,
            String runwayVersion,
            String model,
            int timeoutMinutes,
            boolean archive) {
        this.videoUri = videoUri;
        this.credentialsId = credentialsId;
        this.baseUrl = baseUrl;
        this.runwayVersion = runwayVersion;
        this.model = model;
        this.timeoutMinutes = timeoutMinutes;
        this.archive = archive;
    }

    /** Checks the request without any I/O and fills in the defaults; the message says which value is wrong. */
    public static UpscalePlan of(UpscaleRequest request, UpscaleDefaults defaults) throws AbortException {
        String video;
        try {
            video = VideoUris.validate(request.videoUri());
        } catch (InvalidInputException e) {
            throw new AbortException(Messages.UpscalePlan_Invalid(e.getMessage()));
        }
        String credentialsId = firstGiven(request.credentialsId(), defaults.credentialsId());
        if (credentialsId == null) {
            throw new AbortException(Messages.UpscalePlan_NoCredential());
        }
        int timeout = request.timeoutMinutes() != null ? request.timeoutMinutes() : defaults.timeoutMinutes();
        if (timeout < 1) {
            throw new AbortException(Messages.UpscalePlan_BadTimeout(timeout));
        }
        UpscalePlan plan = new UpscalePlan(
                video,
                credentialsId,
                given(defaults.baseUrl()),
                firstGiven(request.runwayVersion(), defaults.runwayVersion()),
                firstGiven(request.model(), defaults.model()),
                timeout,
                request.archive());
        try {
            plan.settings();
        } catch (InvalidInputException e) {
            throw new AbortException(Messages.UpscalePlan_Invalid(e.getMessage()));
        }
        return plan;
    }

    /**
     * The same plan with a data URI shortened to its description: once the task exists the video itself is no
     * longer needed, and a 16 MB data URI should not be written into every saved copy of the Pipeline program.
     */
    public UpscalePlan afterSubmission() {
        return new UpscalePlan(
                VideoUris.forDisplay(videoUri), credentialsId, baseUrl, runwayVersion, model, timeoutMinutes, archive);
    }

    /** The client's settings for this plan. */
    public RunwaySettings settings() throws InvalidInputException {
        return RunwaySettings.builder()
                .baseUrl(baseUrl)
                .runwayVersion(runwayVersion)
                .model(model)
                .waitTimeout(timeout())
                .build();
    }

    public String videoUri() {
        return videoUri;
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
        return "UpscalePlan[" + VideoUris.forDisplay(videoUri) + ", model " + model() + ", credential " + credentialsId
                + "]";
    }
}
