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
}
