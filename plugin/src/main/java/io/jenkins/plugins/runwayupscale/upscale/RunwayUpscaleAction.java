package io.jenkins.plugins.runwayupscale.upscale;

import hudson.model.Action;
import hudson.model.Run;
import io.jenkins.plugins.runwayupscale.client.DownloadedVideo;
import io.jenkins.plugins.runwayupscale.client.InlineVideo;
import io.jenkins.plugins.runwayupscale.client.RunwayTask;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One upscale on the build page: status, task id, output links, artifact links and failure details (rendered by
 * {@code summary.jelly}). Saved with the build; holds nothing secret.
 */
public final class RunwayUpscaleAction implements Action {
    private final String taskId;
    private final String model;
    private final String videoUri;
    private final String videoSha256;
    private final String videoFile;
    private final String submittedAt;
    private String status;
    private String completedAt;
    private String failure;
    // ArrayList, not List.of(): the build record is written by XStream, which cannot read the JDK's internal lists.
    private ArrayList<String> outputs = new ArrayList<>();
    private ArrayList<String> artifacts = new ArrayList<>();
    private String download;
    private String downloadSha256;
    private long downloadBytes;
    // "#12": the build whose task this upscale took instead of submitting; null when it submitted.
    private String reusedFrom;

    RunwayUpscaleAction(Submission submission, UpscalePlan plan) {
        this.taskId = submission.taskId();
        this.model = plan.model();
        this.videoUri = plan.videoForDisplay();
        InlineVideo video = plan.submittedVideo();
        InlineVideo file = plan.sentFile();
        this.videoSha256 = file != null ? file.sha256() : video == null ? null : video.sha256();
        this.videoFile = file == null ? null : file.name();
        this.submittedAt = submission.submittedAt().toString();
        this.status = "SUBMITTED";
    }

    /** The build's action for this task, added if the build has none yet (as after a restart that lost it). */
    static RunwayUpscaleAction attach(Run<?, ?> run, Submission submission, UpscalePlan plan) {
        for (RunwayUpscaleAction existing : run.getActions(RunwayUpscaleAction.class)) {
            // A reused task may be the one a parallel branch of this build submitted: that branch keeps its own.
            if (!submission.reused() && submission.taskId().equals(existing.getTaskId())) {
                return existing;
            }
        }
        RunwayUpscaleAction action = new RunwayUpscaleAction(submission, plan);
        run.addAction(action);
        return action;
    }

    synchronized void seen(RunwayTask task) {
        status = task.describeStatus();
    }

    synchronized void succeeded(RunwayTask task, Instant at) {
        status = task.status().name();
        outputs = new ArrayList<>(task.outputs());
        completedAt = at.toString();
    }

    synchronized void failed(String finalStatus, String message, Instant at) {
        status = finalStatus;
        failure = message;
        completedAt = at.toString();
    }

    synchronized void archived(List<String> paths) {
        artifacts.addAll(paths);
    }

    synchronized void downloaded(DownloadedVideo saved) {
        download = saved.file();
        downloadBytes = saved.bytes();
        downloadSha256 = saved.sha256();
    }

    synchronized void reusedFrom(String build) {
        reusedFrom = build;
    }

    /** The earlier build ("#12") whose task was taken instead of submitting, or null. */
    public synchronized String getReusedFrom() {
        return reusedFrom;
    }

    /** The workspace file that was sent, or null when the video was a URI. */
    public String getVideoFile() {
        return videoFile;
    }

    /** The workspace file the output was saved as, or null. */
    public synchronized String getDownload() {
        return download;
    }

    public synchronized long getDownloadBytes() {
        return downloadBytes;
    }

    public synchronized String getDownloadSha256() {
        return downloadSha256;
    }

    public String getTaskId() {
        return taskId;
    }

    public String getModel() {
        return model;
    }

    public String getVideoUri() {
        return videoUri;
    }

    /** The SHA-256 of a data URI's video, to tell which file it was; null for a URL. */
    public String getVideoSha256() {
        return videoSha256;
    }

    public String getSubmittedAt() {
        return submittedAt;
    }

    public synchronized String getStatus() {
        return status;
    }

    public synchronized String getCompletedAt() {
        return completedAt;
    }

    public synchronized String getFailure() {
        return failure;
    }

    public synchronized List<String> getOutputs() {
        return Collections.unmodifiableList(new ArrayList<>(outputs));
    }

    public synchronized List<String> getArtifacts() {
        return Collections.unmodifiableList(new ArrayList<>(artifacts));
    }

    /** Only https URLs become links: anything else a server sent is shown as text, never followed. */
    public boolean isLinkable(String url) {
        return url != null && url.toLowerCase(Locale.ROOT).startsWith("https://");
    }

    /**
     * An artifact path as a link relative to the build, each segment URL-encoded: a task id is CometAPI's to choose,
     * and a {@code #} or {@code ?} in it would otherwise cut the link short.
     */
    public String artifactHref(String path) {
        return Arrays.stream(path.split("/", -1))
                .map(segment ->
                        URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return Messages.RunwayUpscaleAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
