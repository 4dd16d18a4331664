package io.jenkins.plugins.runwayupscale.upscale;

import hudson.AbortException;
import io.jenkins.plugins.runwayupscale.client.DataUriLimit;
import io.jenkins.plugins.runwayupscale.client.DownloadLimits;
import io.jenkins.plugins.runwayupscale.client.InlineVideo;
import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import io.jenkins.plugins.runwayupscale.client.ModelOptions;
import io.jenkins.plugins.runwayupscale.client.RunwaySettings;
import io.jenkins.plugins.runwayupscale.client.VideoUris;
import io.jenkins.plugins.runwayupscale.reuse.ReuseMode;
import io.jenkins.plugins.runwayupscale.workspace.DownloadToWorkspace;
import io.jenkins.plugins.runwayupscale.workspace.ReadVideoFile;
import io.jenkins.plugins.runwayupscale.workspace.WorkspaceFiles;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A checked request with the global defaults filled in: everything an upscale needs except the key. Persisted
 * with a Pipeline's program, so it holds only the credential's id, never its secret, and once the task exists
 * only a summary of a data URI's video.
 */
public final class UpscalePlan implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String BASE64_MARKER = ";base64,";

    // Null once submitted if it was a data URI; then `submittedVideo` describes it. Null too when `videoFile` is given.
    private final String videoUri;
    private final InlineVideo submittedVideo;
    // A workspace video: only its path, and once read, its description (`sentFile`); never its data.
    private final String videoFile;
    private final InlineVideo sentFile;
    private final String download;
    private final boolean archiveVideo;
    private final LinkedHashMap<String, Object> options;
    private final Integer dataUriLimitMB;
    // Null in plans saved before reuse existed: they were submitted already, and reuse only matters before.
    private final ReuseMode reuse;
    // Null in plans saved before the limits existed: the built-in ones apply.
    private final UpscaleLimits limits;
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
            InlineVideo submittedVideo,
            String credentialsId,
            String baseUrl,
            String runwayVersion,
            String model,
            int timeoutMinutes,
            boolean archive,
            Extras extras,
            RunwaySettings settings) {
        this.videoUri = videoUri;
        this.submittedVideo = submittedVideo;
        this.videoFile = extras.videoFile();
        this.sentFile = extras.sentFile();
        this.download = extras.download();
        this.archiveVideo = extras.archiveVideo();
        this.options = new LinkedHashMap<>(extras.options());
        this.dataUriLimitMB = extras.dataUriLimitMB();
        this.reuse = extras.reuse();
        this.limits = extras.limits();
        this.credentialsId = credentialsId;
        this.baseUrl = baseUrl;
        this.runwayVersion = runwayVersion;
        this.model = model;
        this.timeoutMinutes = timeoutMinutes;
        this.archive = archive;
        this.settings = settings;
    }

    /** What the plan asks of the workspace, and the options: grouped so the constructor stays readable. */
    private record Extras(
            String videoFile,
            InlineVideo sentFile,
            String download,
            boolean archiveVideo,
            Map<String, Object> options,
            Integer dataUriLimitMB,
            ReuseMode reuse,
            UpscaleLimits limits) {}

    /** Checks the request without any I/O and fills in the defaults; the message says which value is wrong. */
    public static UpscalePlan of(UpscaleRequest request, UpscaleDefaults defaults) throws AbortException {
        try {
            String givenUri = given(request.videoUri());
            String givenFile = given(request.videoFile());
            if ((givenUri == null) == (givenFile == null)) {
                throw new AbortException(
                        givenUri == null ? Messages.UpscalePlan_NoVideo() : Messages.UpscalePlan_TwoVideos());
            }
            String videoFile = givenFile == null ? null : WorkspaceFiles.checkRelative(givenFile, ReadVideoFile.FIELD);
            String download = given(request.download()) == null
                    ? null
                    : WorkspaceFiles.checkTarget(request.download(), DownloadToWorkspace.FIELD);
            if (request.archiveVideo() && download == null) {
                throw new AbortException(Messages.UpscalePlan_ArchiveVideoWithoutDownload());
            }
            Map<String, Object> options = ModelOptions.check(request.options(), "options");
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
            Integer dataUriLimitMB = dataUriLimitMB(request.dataUriLimitMB(), model, defaults.limits());
            ReuseMode reuse = ReuseMode.of(request.reuse());
            if (reuse == null) {
                throw new AbortException(Messages.UpscalePlan_BadReuse(request.reuse()));
            }
            RunwaySettings settings = settings(baseUrl, runwayVersion, model, timeout, options, dataUriLimitMB);
            String video = givenUri == null ? null : VideoUris.validate(givenUri, settings.dataUriLimit());
            return new UpscalePlan(
                    video,
                    null,
                    credentialsId,
                    baseUrl,
                    runwayVersion,
                    model,
                    timeout,
                    request.archive(),
                    new Extras(
                            videoFile,
                            null,
                            download,
                            request.archiveVideo(),
                            options,
                            dataUriLimitMB,
                            reuse,
                            defaults.limits()),
                    settings);
        } catch (InvalidInputException e) {
            throw new AbortException(Messages.UpscalePlan_Invalid(e.getMessage()));
        }
    }

    /**
     * The plan to keep once the task exists: a data URI is replaced by what identifies its video (media type, size,
     * SHA-256), so the up to 22 MB of base64 are not written into every saved copy of the Pipeline program while
     * the task runs.
     */
    public UpscalePlan afterSubmission() {
        if (videoUri == null || !videoUri.regionMatches(true, 0, "data:", 0, 5)) {
            return this;
        }
        return new UpscalePlan(
                null,
                inlineVideo(videoUri),
                credentialsId,
                baseUrl,
                runwayVersion,
                model,
                timeoutMinutes,
                archive,
                extras(sentFile),
                settings);
    }

    /**
     * The data-URI limit to apply, in MB, or null for the model's own: a step may lower it, never raise it past the
     * administrator's ceiling, which also caps a model whose own limit is higher.
     */
    private static Integer dataUriLimitMB(Integer given, String model, UpscaleLimits limits) throws AbortException {
        int ceiling = limits.maxDataUriMB();
        if (given != null) {
            if (given < 1) {
                throw new AbortException(Messages.UpscalePlan_BadDataUriLimit(given));
            }
            if (given > ceiling) {
                throw new AbortException(
                        Messages.UpscalePlan_OverDataUriCeiling(String.valueOf(given), String.valueOf(ceiling)));
            }
            return given;
        }
        String effectiveModel = model == null ? RunwaySettings.DEFAULT_MODEL : model;
        return DataUriLimit.of(effectiveModel, null).bytes() > ceiling * DataUriLimit.MB
                ? Integer.valueOf(ceiling)
                : null;
    }

    /** The same plan, with the workspace video it read (described, not its data) for reports and logs. */
    public UpscalePlan withSentFile(InlineVideo sent) {
        return new UpscalePlan(
                videoUri,
                submittedVideo,
                credentialsId,
                baseUrl,
                runwayVersion,
                model,
                timeoutMinutes,
                archive,
                extras(sent),
                settings);
    }

    private Extras extras(InlineVideo sent) {
        return new Extras(videoFile, sent, download, archiveVideo, options, dataUriLimitMB, reuse, limits);
    }

    /** What identifies the video of a checked data URI ({@code data:<type>;base64,<data>}); it has no file name. */
    private static InlineVideo inlineVideo(String dataUri) {
        int marker = dataUri.indexOf(BASE64_MARKER);
        byte[] video = Base64.getDecoder()
                .decode(dataUri.substring(marker + BASE64_MARKER.length()).getBytes(StandardCharsets.US_ASCII));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(video);
            return new InlineVideo(
                    null,
                    dataUri.substring("data:".length(), marker),
                    video.length,
                    HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The client's settings for this plan, as checked when the plan was made. */
    public RunwaySettings settings() {
        RunwaySettings current = settings;
        if (current == null) {
            try {
                current = settings(baseUrl, runwayVersion, model, timeoutMinutes, options, dataUriLimitMB);
            } catch (InvalidInputException e) {
                // Only possible if a newer plugin checks more strictly than the one that saved this plan.
                throw new IllegalStateException(Messages.UpscalePlan_Invalid(e.getMessage()), e);
            }
            settings = current;
        }
        return current;
    }

    private static RunwaySettings settings(
            String baseUrl,
            String runwayVersion,
            String model,
            int timeoutMinutes,
            Map<String, Object> options,
            Integer dataUriLimitMB)
            throws InvalidInputException {
        return RunwaySettings.builder()
                .baseUrl(baseUrl)
                .runwayVersion(runwayVersion)
                .model(model)
                .modelOptions(options)
                .dataUriLimit(dataUriLimitMB == null ? null : dataUriLimitMB * DataUriLimit.MB)
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
        InlineVideo inline = sentFile != null ? sentFile : submittedVideo;
        if (inline == null) {
            return videoFile != null ? videoFile : VideoUris.forDisplay(videoUri);
        }
        // The abbreviation every data URI gets (VideoUris.forDisplay), from what is left of it.
        return "data:" + inline.mediaType() + BASE64_MARKER + "... (" + inline.bytes() + " bytes)";
    }

    /** The workspace video to send, or null when the video is a URI. */
    public String videoFile() {
        return videoFile;
    }

    /** The workspace video as it was read (name, media type, bytes, SHA-256), or null before or without one. */
    public InlineVideo sentFile() {
        return sentFile;
    }

    /** The workspace path to save the upscaled video as, or null. */
    public String download() {
        return download;
    }

    /** Whether the downloaded video is archived with the build. */
    public boolean archiveVideo() {
        return archiveVideo;
    }

    /** Whether anything is read or written in the workspace, so the step needs {@code node {}}. */
    public boolean needsWorkspace() {
        return videoFile != null || download != null;
    }

    /** What is left of a submitted data URI, or null for a URL or before the submission. */
    public InlineVideo submittedVideo() {
        return submittedVideo;
    }

    /** How the output is saved: the administrator's bounds, and the API's own origin, which may serve outputs. */
    public DownloadLimits downloadLimits() {
        UpscaleLimits bounds = limits == null ? UpscaleLimits.defaults() : limits;
        return new DownloadLimits(
                bounds.downloadIdle(),
                bounds.downloadTimeout(),
                bounds.maxDownloadBytes(),
                settings().baseUrl().toString());
    }

    /** When this upscale may take an earlier result instead of submitting. */
    public ReuseMode reuse() {
        return reuse == null ? ReuseMode.CONTENT : reuse;
    }

    /** The SHA-256 of the data URI's video, when the input is one; else null. */
    public String dataUriSha256() {
        if (submittedVideo != null) {
            return submittedVideo.sha256();
        }
        return videoUri != null && videoUri.regionMatches(true, 0, "data:", 0, 5)
                ? inlineVideo(videoUri).sha256()
                : null;
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
