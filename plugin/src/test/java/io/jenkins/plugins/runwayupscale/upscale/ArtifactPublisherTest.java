package io.jenkins.plugins.runwayupscale.upscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.runwayupscale.client.TaskReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArtifactPublisherTest {
    private static final Instant SUBMITTED = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant COMPLETED = Instant.parse("2026-11-25T10:02:30Z");

    private final TestBuild build = new TestBuild();

    private static TaskReport succeeded(String taskId, String... outputs) {
        return new TaskReport(
                taskId,
                "upscale_v1",
                "2024-11-06",
                "https://cdn.example.com/final.mp4",
                TaskReport.Status.SUCCEEDED,
                List.of(outputs),
                null,
                null,
                SUBMITTED,
                COMPLETED);
    }

    @Test
    void archivesTheUrlAndJsonFilesOfTheSharedContract() throws Exception {
        TaskReport report = succeeded("task-1", "https://out.example/a.mp4", "https://out.example/b.mp4");

        List<String> paths = new ArtifactPublisher(build.sink()).publish(build.run, build.listener, report);

        assertThat(paths).containsExactly("runway-upscale/task-1.url", "runway-upscale/task-1.json");
        assertThat(build.archived.get("runway-upscale/task-1.url"))
                .isEqualTo("https://out.example/a.mp4\nhttps://out.example/b.mp4\n");
        JsonNode json = build.archivedJson("task-1");
        assertThat(json.path("taskId").asText()).isEqualTo("task-1");
        assertThat(json.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.path("outputs")).hasSize(2);
        assertThat(json.path("submittedAt").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(json.path("completedAt").asText()).isEqualTo("2026-11-25T10:02:30Z");
        assertThat(json.has("failureCode")).isFalse();
    }

    @Test
    void aDataUriIsDescribedNotCopied() throws Exception {
        String video = "data:video/mp4;base64,AAAAGGZ0eXBtcDQy";
        TaskReport report = new TaskReport(
                "task-2",
                "upscale_v1",
                "2024-11-06",
                video,
                TaskReport.Status.FAILED,
                List.of(),
                "ASSET.INVALID",
                "Unsupported codec",
                SUBMITTED,
                COMPLETED);

        new ArtifactPublisher(build.sink()).publish(build.run, build.listener, report);

        JsonNode json = build.archivedJson("task-2");
        assertThat(json.path("videoUri").asText()).isEqualTo("data:video/mp4;base64,... (12 bytes)");
        assertThat(json.path("failureCode").asText()).isEqualTo("ASSET.INVALID");
        assertThat(build.archived.get("runway-upscale/task-2.url")).isEmpty();
    }

    @Test
    void theTemporaryFolderIsGoneAfterwardsEvenWhenArchivingFails() {
        List<Path> folders = new ArrayList<>();
        ArtifactSink failing = (run, folder, artifacts, listener) -> {
            folders.add(folder);
            assertThat(folder.resolve(artifacts.get("runway-upscale/task-3.url")))
                    .exists();
            throw new IOException("artifact storage is full");
        };
        TaskReport report = succeeded("task-3", "https://out.example/a.mp4");

        assertThatThrownBy(() -> new ArtifactPublisher(failing).publish(build.run, build.listener, report))
                .hasMessage("artifact storage is full");
        assertThat(folders)
                .singleElement()
                .satisfies(folder -> assertThat(Files.exists(folder)).isFalse());
    }

    @Test
    void artifactPathsMapToTheSamePathsInsideTheFolder() throws Exception {
        List<Map<String, String>> seen = new ArrayList<>();
        ArtifactSink recording = (run, folder, artifacts, listener) -> seen.add(artifacts);
        TaskReport report = succeeded("task-4", "https://out.example/a.mp4");

        new ArtifactPublisher(recording).publish(build.run, build.listener, report);

        assertThat(seen)
                .singleElement()
                .isEqualTo(Map.of(
                        "runway-upscale/task-4.url", "runway-upscale/task-4.url",
                        "runway-upscale/task-4.json", "runway-upscale/task-4.json"));
    }
}
