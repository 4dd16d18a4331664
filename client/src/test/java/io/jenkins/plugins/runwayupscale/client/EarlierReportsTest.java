package io.jenkins.plugins.runwayupscale.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which report in a folder a new upscale may take the result of, and what in a folder is never read. */
class EarlierReportsTest {
    private static final String SHA = "ab".repeat(32);
    private static final String OTHER_SHA = "cd".repeat(32);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private final ReportMatch wanted = new ReportMatch(SHA, "upscale_v1", Map.of(), "2024-11-06");

    /** A report as the plugin and the command line write it. */
    private static TaskReport report(String taskId, TaskReport.Status status, String sha256, Instant completedAt) {
        return new TaskReport(
                        taskId,
                        "upscale_v1",
                        "2024-11-06",
                        "data:video/mp4;base64,... (12 bytes)",
                        status,
                        status == TaskReport.Status.SUCCEEDED
                                ? List.of("https://out.example.com/" + taskId + ".mp4")
                                : List.of(),
                        null,
                        null,
                        completedAt.minusSeconds(60),
                        completedAt)
                .withVideoFile(new InlineVideo("intro.mp4", "video/mp4", 12, sha256));
    }

    private void write(TaskReport report) throws Exception {
        TaskArtifacts.write(dir, report);
    }

    private EarlierReports.Lookup lookup(ReportMatch match) throws Exception {
        return EarlierReports.newest(dir, match);
    }

    @Test
    void takesTheNewestSucceededReportOfTheSameInput() throws Exception {
        write(report("old", TaskReport.Status.SUCCEEDED, SHA, T0));
        write(report("new", TaskReport.Status.SUCCEEDED, SHA, T0.plusSeconds(3600)));
        write(report("failed-later", TaskReport.Status.FAILED, SHA, T0.plusSeconds(7200)));
        write(report("other-video", TaskReport.Status.SUCCEEDED, OTHER_SHA, T0.plusSeconds(9000)));

        EarlierReports.Lookup found = lookup(wanted);

        assertThat(found.match().taskId()).isEqualTo("new");
        assertThat(found.match().outputs()).containsExactly("https://out.example.com/new.mp4");
        assertThat(found.match().file()).isEqualTo(dir.resolve("new.json"));
        assertThat(found.reportsRead()).isEqualTo(4);
        assertThat(found.complete()).isTrue();
    }

    @Test
    void modelAndRunwayVersionMustBeTheSame() throws Exception {
        write(report("t-1", TaskReport.Status.SUCCEEDED, SHA, T0));

        assertThat(lookup(new ReportMatch(SHA, "magnific_video_upscaler_creative", Map.of(), "2024-11-06"))
                        .match())
                .isNull();
        assertThat(lookup(new ReportMatch(SHA, "upscale_v1", Map.of(), "2025-01-01"))
                        .match())
                .isNull();
        assertThat(lookup(wanted).match()).isNotNull();
    }

    @Test
    void optionsAreComparedAsJsonValuesInAnyOrder() throws Exception {
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("resolution", "4k");
        written.put("creativity", 30L);
        write(report("t-1", TaskReport.Status.SUCCEEDED, SHA, T0).withOptions(written));
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("creativity", 30L);
        reordered.put("resolution", "4k");

        assertThat(lookup(new ReportMatch(SHA, "upscale_v1", reordered, "2024-11-06"))
                        .match())
                .isNotNull();
        assertThat(lookup(new ReportMatch(
                                SHA, "upscale_v1", Map.of("creativity", 30.0, "resolution", "4k"), "2024-11-06"))
                        .match())
                .isNotNull();
        assertThat(lookup(new ReportMatch(
                                SHA, "upscale_v1", Map.of("creativity", "30", "resolution", "4k"), "2024-11-06"))
                        .match())
                .isNull();
        assertThat(lookup(new ReportMatch(SHA, "upscale_v1", Map.of("creativity", 30L), "2024-11-06"))
                        .match())
                .isNull();
        assertThat(lookup(wanted).match()).isNull();
    }

    @Test
    void aReportThatTookAnEarlierResultIsMatchedByTheInputItRecords() throws Exception {
        TaskReport reused = report("t-1", TaskReport.Status.SUCCEEDED, SHA, T0)
                .withVideoFile(null)
                .withReusedFrom(new ReusedFrom("#12", "t-1", SHA));
        write(reused);

        assertThat(lookup(wanted).match().taskId()).isEqualTo("t-1");
    }

    @Test
    void aReportOfAUrlHasNoContentToMatch() throws Exception {
        write(report("t-1", TaskReport.Status.SUCCEEDED, SHA, T0).withVideoFile(null));

        assertThat(lookup(wanted).match()).isNull();
    }

    @Test
    void readsAtMostTheBoundOfReports() throws Exception {
        for (int i = 0; i < EarlierReports.MAX_REPORTS + 5; i++) {
            Files.writeString(dir.resolve("r" + i + ".json"), "{}");
        }

        EarlierReports.Lookup lookup = lookup(wanted);

        assertThat(lookup.reportsRead()).isEqualTo(EarlierReports.MAX_REPORTS);
        assertThat(lookup.complete()).isFalse();
    }

    @Test
    void aFileOverTheSizeLimitIsNotRead() throws Exception {
        String json = TaskArtifacts.jsonFile(report("t-1", TaskReport.Status.SUCCEEDED, SHA, T0));
        Files.writeString(
                dir.resolve("t-1.json"), json + " ".repeat((int) EarlierReports.MAX_REPORT_BYTES - json.length() + 1));

        EarlierReports.Lookup lookup = lookup(wanted);

        assertThat(lookup.match()).isNull();
        assertThat(lookup.reportsRead()).isZero();
    }

    @Test
    void aFolderThatIsALinkIsNotLookedInto() throws Exception {
        write(report("t-1", TaskReport.Status.SUCCEEDED, SHA, T0));
        Path link = Files.createSymbolicLink(dir.resolveSibling(dir.getFileName() + "-link"), dir);
        try {
            assertThat(EarlierReports.newest(link, wanted).match()).isNull();
            assertThat(EarlierReports.newest(dir.resolve("missing"), wanted).match())
                    .isNull();
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void theDownloadIsKeptOnlyWhileItIsUnchangedAndNoLink() throws Exception {
        Path video = Files.write(dir.resolve("out-4k.mp4"), new byte[] {1, 2, 3, 4, 5});
        DownloadedVideo saved = DownloadedVideo.of(video, video.toString(), "video/mp4");
        write(report("t-1", TaskReport.Status.SUCCEEDED, SHA, T0).withDownload(saved));
        EarlierReport earlier = lookup(wanted).match();

        assertThat(earlier.keptDownload()).contains(video);

        Files.write(video, new byte[] {1, 2, 3, 4, 6});
        assertThat(earlier.keptDownload()).isEmpty();

        Path real = Files.write(dir.resolve("real.mp4"), new byte[] {1, 2, 3, 4, 5});
        Files.delete(video);
        Files.createSymbolicLink(video, real);
        assertThat(earlier.keptDownload()).isEmpty();
    }
}
