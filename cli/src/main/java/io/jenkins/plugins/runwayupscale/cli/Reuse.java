package io.jenkins.plugins.runwayupscale.cli;

import io.jenkins.plugins.runwayupscale.client.DownloadedVideo;
import io.jenkins.plugins.runwayupscale.client.EarlierReport;
import io.jenkins.plugins.runwayupscale.client.EarlierReports;
import io.jenkins.plugins.runwayupscale.client.ReportMatch;
import io.jenkins.plugins.runwayupscale.client.TaskArtifacts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code --reuse}: what the command says about an earlier report it takes or passes over. Each line names the
 * report, so a user can see which earlier run stood for this one, or why none did.
 */
final class Reuse {
    static final String URL_NOT_MATCHED = "--reuse: a video given by URL is never matched (the video behind a URL can"
            + " change; only a --video-file or a data: URI has content to compare); submitting.";

    private Reuse() {}

    /** How messages and {@code reusedFrom.build} name an earlier report: relative to {@code --output-dir}. */
    static String name(EarlierReport earlier) {
        return TaskArtifacts.FOLDER + "/" + earlier.file().getFileName();
    }

    /** The input, model and options a match shares, in the words of the plugin's console line. */
    static String what(ReportMatch wanted) {
        return "video (sha256 " + wanted.shortSha256() + "...), model and options";
    }

    static String reused(EarlierReport earlier, ReportMatch wanted) {
        return "Reused task " + earlier.taskId() + " from " + name(earlier) + ": same " + what(wanted)
                + "; nothing submitted.";
    }

    static String reusedSavedVideo(EarlierReport earlier, ReportMatch wanted, String why, Path kept) {
        return "Reused task " + earlier.taskId() + " from " + name(earlier) + ": same " + what(wanted)
                + "; nothing submitted. The task can no longer be read (" + why + "): the output URL printed is the"
                + " earlier one and may have expired; the downloaded file " + kept + " (sha256 "
                + earlier.download().sha256().substring(0, 12) + "...) still matches and was kept.";
    }

    static String notReused(EarlierReport earlier, ReportMatch wanted, String why) {
        return "--reuse: task " + earlier.taskId() + " of " + name(earlier) + " had the same " + what(wanted)
                + ", but it can no longer be read (" + why + ") and no downloaded file of it is left with its"
                + " recorded SHA-256; submitting.";
    }

    static String noMatch(Path folder, ReportMatch wanted, EarlierReports.Lookup lookup) {
        String scope = lookup.complete()
                ? lookup.reportsRead() + " read"
                : "only the first " + lookup.reportsRead() + " read, the folder holds more";
        return "--reuse: no SUCCEEDED report in " + folder + " for the same " + what(wanted) + " (" + scope
                + "); submitting.";
    }

    /** The earlier run's downloaded file, checked once and remembered: hashing a large video twice is slow. */
    static final class Kept {
        private final EarlierReport earlier;
        private Optional<Path> checked;

        Kept(EarlierReport earlier) {
            this.earlier = earlier;
        }

        Optional<Path> file() {
            if (checked == null) {
                try {
                    checked = earlier.keptDownload();
                } catch (IOException e) {
                    checked = Optional.empty(); // unreadable now: as good as gone
                }
            }
            return checked;
        }

        /** The kept file as this run's download: its checked size and SHA-256 under its absolute name. */
        DownloadedVideo video(Path file) {
            DownloadedVideo recorded = earlier.download();
            return new DownloadedVideo(file.toString(), recorded.bytes(), recorded.sha256(), null);
        }

        /** The kept file when it is exactly {@code target}: then it is this run's download already. */
        Optional<Path> at(Path target) {
            Path wanted = target.toAbsolutePath().normalize();
            return file().filter(wanted::equals);
        }
    }
}
