package io.jenkins.plugins.runwayupscale.upscale;

import hudson.model.Run;
import io.jenkins.plugins.runwayupscale.client.DownloadedVideo;
import io.jenkins.plugins.runwayupscale.reuse.ReuseFlights;
import io.jenkins.plugins.runwayupscale.reuse.ReuseIndex;
import io.jenkins.plugins.runwayupscale.reuse.ReuseKey;
import io.jenkins.plugins.runwayupscale.reuse.ReuseMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One upscale's side of reuse: what it may be matched on, its place among parallel upscales with the same key, the
 * earlier result its job's index has, and, once it succeeded, its own entry in that index. {@link Upscale} decides
 * when; this knows how.
 */
final class EarlierResults {
    private final Function<Run<?, ?>, Path> jobFolder;
    private final EarlierArtifacts artifacts;
    // Set when this upscale leads the submission of its key in its job; ended whichever way the upscale ends.
    private volatile ReuseFlights.Flight flight;
    private volatile ReuseKey key;

    EarlierResults(Function<Run<?, ?>, Path> jobFolder, EarlierArtifacts artifacts) {
        this.jobFolder = jobFolder;
        this.artifacts = artifacts;
    }

    /** What the upscale may be matched on, or null when it must submit (reuse never, or a URL without reuse uri). */
    static ReuseKey keyOf(UpscalePlan plan, VideoCopy copy) {
        ReuseMode mode = plan.reuse();
        if (mode == ReuseMode.NEVER) {
            return null;
        }
        Map<String, Object> options = plan.settings().modelOptions();
        String model = plan.settings().model();
        String version = plan.settings().runwayVersion();
        String sha256 = copy != null
                ? copy.video().sha256()
                : plan.sentFile() != null ? plan.sentFile().sha256() : plan.dataUriSha256();
        if (sha256 != null) {
            return ReuseKey.ofContent(sha256, model, options, version);
        }
        return mode == ReuseMode.URI ? ReuseKey.ofUri(plan.videoUri(), model, options, version) : null;
    }

    /** The input as the console names it. */
    static String describe(ReuseKey key) {
        String sha256 = key.contentSha256();
        return sha256 == null ? "video URL" : "video (sha256 " + sha256.substring(0, 12) + "...)";
    }

    /**
     * Joins the flight of {@code wanted} in the run's job. When this upscale leads, the earlier result the job's index
     * has for it, if any, is in the answer; else the answer says to wait for the leader.
     */
    Boarding board(Run<?, ?> run, ReuseKey wanted) {
        Path job = jobFolder.apply(run);
        ReuseFlights.Flight joined = ReuseFlights.board(job, wanted.id());
        if (!joined.leads()) {
            return new Boarding(joined, Optional.empty());
        }
        flight = joined;
        key = wanted;
        return new Boarding(joined, ReuseIndex.of(job).find(wanted.id()));
    }

    /**
     * @param flight the flight joined: when it does not lead, wait for {@link ReuseFlights.Flight#landed()}
     * @param earlier the job's earlier result with the same key, when leading
     */
    record Boarding(ReuseFlights.Flight flight, Optional<ReuseIndex.Entry> earlier) {}

    /** The Jenkins URL of the earlier build's archived video, when one may be restored for this plan; else null. */
    String archivedUrl(Run<?, ?> run, ReuseIndex.Entry earlier, UpscalePlan plan) {
        if (earlier.artifact() == null || earlier.artifactSha256() == null || plan.download() == null) {
            return null;
        }
        return artifacts.url(run, earlier.build(), earlier.artifact());
    }

    /** The earlier build's archived video, open for reading, or null when it is gone. */
    InputStream openArchived(Run<?, ?> run, ReuseIndex.Entry earlier) throws IOException {
        return artifacts.open(run, earlier.build(), earlier.artifact());
    }

    /**
     * Puts this upscale's result in its job's index for later runs, and lets parallel upscales waiting for it go on.
     * The task is the one submitted, or the earlier one taken: either can be read again for fresh URLs.
     */
    void remember(Run<?, ?> run, UpscalePlan plan, String taskId, List<String> archived, DownloadedVideo saved) {
        ReuseFlights.Flight current = flight;
        // An upscale resumed after a restart never boarded: its key comes from what its plan kept of the input.
        ReuseKey wanted = key != null ? key : keyOf(plan, null);
        try {
            if (wanted == null) {
                return;
            }
            String artifact = archived.stream()
                    .filter(path -> !path.endsWith(".url") && !path.endsWith(".json"))
                    .findFirst()
                    .orElse(null);
            ReuseIndex.of(jobFolder.apply(run))
                    .record(new ReuseIndex.Entry(
                            wanted.id(),
                            run.getNumber(),
                            taskId,
                            wanted.contentSha256(),
                            artifact,
                            artifact == null || saved == null ? null : saved.sha256()));
        } finally {
            if (current != null) {
                current.end();
            }
        }
    }

    /** Parallel upscales waiting for this one go on, and submit themselves when it left no result. */
    void end() {
        ReuseFlights.Flight current = flight;
        if (current != null) {
            current.end();
        }
    }
}
