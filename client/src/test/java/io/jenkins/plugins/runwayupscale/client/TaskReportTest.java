package io.jenkins.plugins.runwayupscale.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One mapping from how a wait ended to the report both front doors write. */
class TaskReportTest {
    private static final Instant SUBMITTED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant ENDED = Instant.parse("2026-03-01T10:05:00Z");
    private static final TaskReport.Submission SUBMISSION =
            new TaskReport.Submission("t-1", "upscale_v1", "2024-11-06", "https://cdn.example.com/a.mp4", SUBMITTED);

    private static RunwayTask task(TaskStatus status, List<String> outputs, String failure, String code) {
        return new RunwayTask("t-1", status, status.name(), null, outputs, failure, code, null);
    }

    @Test
    void aSucceededTaskKeepsItsOutputsAndWhatWasAsked() {
        TaskReport report = TaskReport.succeeded(
                SUBMISSION, task(TaskStatus.SUCCEEDED, List.of("https://out.example.com/1.mp4"), null, null), ENDED);

        assertThat(report)
                .isEqualTo(new TaskReport(
                        "t-1",
                        "upscale_v1",
                        "2024-11-06",
                        "https://cdn.example.com/a.mp4",
                        TaskReport.Status.SUCCEEDED,
                        List.of("https://out.example.com/1.mp4"),
                        null,
                        null,
                        SUBMITTED,
                        ENDED));
    }

    @Test
    void aFileSentInlineIsReportedExactlyAsTheDataUriItWouldHaveBeen(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("intro.mp4"), VideoEncoderTest.mp4(300_001));
        DataUriLimit limit = DataUriLimit.of("upscale_v1", null);
        RunwaySettings settings = RunwaySettings.builder().build();
        RunwayTask done = task(TaskStatus.SUCCEEDED, List.of("https://out.example.com/1.mp4"), null, null);
        EncodedVideo inMemory = VideoEncoder.encode(file, "out/intro.mp4", limit);
        InlineVideoFile streamed = InlineVideoFile.inspect(file, "out/intro.mp4", limit);

        TaskReport before = TaskReport.succeeded(
                        TaskReport.Submission.of("t-1", settings, inMemory.dataUri(), SUBMITTED), done, ENDED)
                .withVideoFile(inMemory.video());
        TaskReport now = TaskReport.succeeded(
                        TaskReport.Submission.of("t-1", settings, streamed, SUBMITTED), done, ENDED)
                .withVideoFile(streamed.video());

        assertThat(TaskArtifacts.jsonFile(now))
                .isEqualTo(TaskArtifacts.jsonFile(before))
                .contains("data:video/mp4;base64,... (300001 bytes)");
    }

    @Test
    void aFailedTaskKeepsRunwaysCodeAndText() {
        RunwayTask failed = task(TaskStatus.FAILED, List.of(), "moderated", "SAFETY.INPUT.VIDEO");

        TaskReport report = TaskReport.failed(
                SUBMISSION, new CompletionException(new TaskFailedException(failed, "upscale_v1")), ENDED);

        assertThat(report.status()).isEqualTo(TaskReport.Status.FAILED);
        assertThat(report.failureCode()).isEqualTo("SAFETY.INPUT.VIDEO");
        assertThat(report.failure()).isEqualTo("moderated");
        assertThat(report.outputs()).isEmpty();
        assertThat(report.completedAt()).isEqualTo(ENDED);
    }

    @Test
    void aCancelledTimedOutOrBrokenWaitIsNamedAndCarriesNoFailureText() {
        RunwayTask running = task(TaskStatus.RUNNING, List.of(), null, null);
        List<Throwable> failures = List.of(
                new TaskCancelledException("t-1"),
                new TaskTimedOutException("t-1", Duration.ofMinutes(5), running),
                new AuthenticationException("refused"),
                new IllegalStateException("engine closed"));

        assertThat(failures)
                .extracting(f -> TaskReport.failed(SUBMISSION, f, ENDED))
                .allSatisfy(r -> {
                    assertThat(r.failureCode()).isNull();
                    assertThat(r.failure()).isNull();
                    assertThat(r.outputs()).isEmpty();
                })
                .extracting(TaskReport::status)
                .containsExactly(
                        TaskReport.Status.CANCELLED,
                        TaskReport.Status.TIMED_OUT,
                        TaskReport.Status.ERROR,
                        TaskReport.Status.ERROR);
    }

    @Test
    void theSubmissionTakesModelAndVersionFromTheSettings() throws Exception {
        RunwaySettings settings = RunwaySettings.builder()
                .model("magnific_video_upscaler_creative")
                .runwayVersion("2025-01-15")
                .build();

        assertThat(TaskReport.Submission.of("t-1", settings, "https://cdn.example.com/a.mp4", SUBMITTED))
                .isEqualTo(new TaskReport.Submission(
                        "t-1",
                        "magnific_video_upscaler_creative",
                        "2025-01-15",
                        "https://cdn.example.com/a.mp4",
                        SUBMITTED));
    }
}
