package io.jenkins.plugins.runwayupscale.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactsTest {
    @TempDir
    Path dir;

    private static final Instant SUBMITTED = Instant.parse("2026-03-01T10:00:00.123456Z");
    private static final Instant COMPLETED = Instant.parse("2026-03-01T10:02:30Z");

    @Test
    void writesUrlFileWithOneUrlPerLineAndNothingElse() throws Exception {
        TaskReport report = new TaskReport(
                "t-1",
                "upscale_v1",
                "2024-11-06",
                "https://cdn.example.com/a.mp4",
                TaskReport.Status.SUCCEEDED,
                List.of("https://out.example.com/1.mp4", "https://out.example.com/2.mp4"),
                null,
                null,
                SUBMITTED,
                COMPLETED);

        List<Path> files = TaskArtifacts.write(dir.resolve(TaskArtifacts.FOLDER), report);

        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("t-1.url", "t-1.json");
        assertThat(Files.readString(files.get(0)))
                .isEqualTo("https://out.example.com/1.mp4\nhttps://out.example.com/2.mp4\n");
        JsonNode json = Json.MAPPER.readTree(files.get(1).toFile());
        assertThat(json.get("taskId").asText()).isEqualTo("t-1");
        assertThat(json.get("model").asText()).isEqualTo("upscale_v1");
        assertThat(json.get("runwayVersion").asText()).isEqualTo("2024-11-06");
        assertThat(json.get("videoUri").asText()).isEqualTo("https://cdn.example.com/a.mp4");
        assertThat(json.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.get("outputs")).hasSize(2);
        assertThat(json.has("failureCode")).isFalse();
        assertThat(json.get("submittedAt").asText()).isEqualTo("2026-03-01T10:00:00.123Z");
        assertThat(json.get("completedAt").asText()).isEqualTo("2026-03-01T10:02:30Z");
    }

    @Test
    void failedTaskRecordsFailureAndAbbreviatesDataUri() throws Exception {
        TaskReport report = new TaskReport(
                "t-2",
                "upscale_v1",
                "2024-11-06",
                "data:video/mp4;base64,AAAAAAAA",
                TaskReport.Status.FAILED,
                List.of(),
                "SAFETY.INPUT.VIDEO",
                "moderated",
                SUBMITTED,
                COMPLETED);

        JsonNode json = Json.MAPPER.readTree(TaskArtifacts.jsonFile(report));

        assertThat(json.get("videoUri").asText()).isEqualTo("data:video/mp4;base64,... (6 bytes)");
        assertThat(json.get("failureCode").asText()).isEqualTo("SAFETY.INPUT.VIDEO");
        assertThat(json.get("failure").asText()).isEqualTo("moderated");
        assertThat(TaskArtifacts.urlFile(report)).isEmpty();
    }

    @Test
    void refusesTaskIdsThatWouldEscapeTheFolder() {
        TaskReport report = new TaskReport(
                "../evil",
                "m",
                "2024-11-06",
                "https://a.example.com/x",
                TaskReport.Status.SUCCEEDED,
                List.of(),
                null,
                null,
                SUBMITTED,
                COMPLETED);

        assertThatThrownBy(() -> TaskArtifacts.write(dir, report)).hasMessageContaining("task id");
        assertThat(dir.getParent().resolve("evil.url")).doesNotExist();
    }

    @Test
    void recordsTheFileSentInlineTheOptionsAndTheDownloadButNeverTheData() throws Exception {
        byte[] video = VideoEncoderTest.mp4(4000);
        EncodedVideo encoded = VideoEncoder.encode(
                Files.write(dir.resolve("intro.mp4"), video), "out/intro.mp4", DataUriLimit.of("upscale_v1", null));
        RunwaySettings settings = RunwaySettings.builder()
                .model("magnific_video_upscaler_creative")
                .modelOption("resolution", "4k")
                .modelOption("creativity", 0.3)
                .build();
        RunwayTask task = new RunwayTask(
                "t-3",
                TaskStatus.SUCCEEDED,
                "SUCCEEDED",
                null,
                List.of("https://out.example.com/3.mp4"),
                null,
                null,
                null);
        DownloadedVideo saved = new DownloadedVideo("out/intro-4k.mp4", 123456, "ab".repeat(32), "video/mp4");
        TaskReport report = TaskReport.succeeded(
                        TaskReport.Submission.of("t-3", settings, encoded.dataUri(), SUBMITTED), task, COMPLETED)
                .withOptions(settings.modelOptions())
                .withVideoFile(encoded.video())
                .withDownload(saved);

        String text = TaskArtifacts.jsonFile(report);
        JsonNode json = Json.MAPPER.readTree(text);

        assertThat(json.get("videoUri").asText()).isEqualTo("data:video/mp4;base64,... (4000 bytes)");
        assertThat(json.get("videoFile").get("name").asText()).isEqualTo("out/intro.mp4");
        assertThat(json.get("videoFile").get("mediaType").asText()).isEqualTo("video/mp4");
        assertThat(json.get("videoFile").get("bytes").asLong()).isEqualTo(4000);
        assertThat(json.get("videoFile").get("sha256").asText()).isEqualTo(VideoEncoderTest.sha256(video));
        assertThat(json.get("options").get("resolution").asText()).isEqualTo("4k");
        assertThat(json.get("options").get("creativity").asDouble()).isEqualTo(0.3);
        assertThat(json.get("download").get("file").asText()).isEqualTo("out/intro-4k.mp4");
        assertThat(json.get("download").get("bytes").asLong()).isEqualTo(123456);
        assertThat(json.get("download").get("sha256").asText()).isEqualTo("ab".repeat(32));
        String data = encoded.dataUri().substring(encoded.dataUri().indexOf(',') + 1);
        assertThat(text).doesNotContain(data.substring(0, 40)).hasSizeLessThan(1500);
    }

    private static TaskReport succeeded(String taskId) {
        return new TaskReport(
                taskId,
                "upscale_v1",
                "2024-11-06",
                "https://cdn.example.com/a.mp4",
                TaskReport.Status.SUCCEEDED,
                List.of("https://out.example.com/1.mp4"),
                null,
                null,
                SUBMITTED,
                COMPLETED);
    }

    @Test
    void overwritingReplacesAPlantedLinkAndNeverWritesThroughIt() throws Exception {
        Path folder = Files.createDirectories(dir.resolve(TaskArtifacts.FOLDER));
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        Files.createSymbolicLink(folder.resolve("t-1.url"), victim);
        Files.createSymbolicLink(folder.resolve("t-1.json"), victim);

        TaskArtifacts.write(folder, succeeded("t-1"), true);

        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(Files.isSymbolicLink(folder.resolve("t-1.url"))).isFalse();
        assertThat(Files.readString(folder.resolve("t-1.url"))).isEqualTo("https://out.example.com/1.mp4\n");
        assertThat(Files.isSymbolicLink(folder.resolve("t-1.json"))).isFalse();
        try (var left = Files.list(folder)) {
            assertThat(left)
                    .extracting(p -> p.getFileName().toString())
                    .containsExactlyInAnyOrder("t-1.url", "t-1.json");
        }
    }

    @Test
    void withoutOverwriteAPlantedLinkIsLeftAndNothingIsWritten() throws Exception {
        Path folder = Files.createDirectories(dir.resolve(TaskArtifacts.FOLDER));
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        Files.createSymbolicLink(folder.resolve("t-1.json"), victim);

        assertThatThrownBy(() -> TaskArtifacts.write(folder, succeeded("t-1"), false))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(folder.resolve("t-1.url")).doesNotExist();
    }

    @Test
    void refusesAFolderThatIsASymbolicLink() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path folder = Files.createSymbolicLink(dir.resolve(TaskArtifacts.FOLDER), elsewhere);

        assertThatThrownBy(() -> TaskArtifacts.write(folder, succeeded("t-1"), true))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("it is a symbolic link");
        try (var left = Files.list(elsewhere)) {
            assertThat(left).isEmpty();
        }
    }
}
