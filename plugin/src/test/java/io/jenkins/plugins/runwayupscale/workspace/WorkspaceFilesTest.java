package io.jenkins.plugins.runwayupscale.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where workspace files may be written, when parallel branches of one build write into the same new folders. */
class WorkspaceFilesTest {
    private static final int BRANCHES = 8;

    @TempDir
    Path workspace;

    @Test
    void parallelBranchesCreatingTheSameFoldersAllGetTheirFile() throws Exception {
        ExecutorService branches = Executors.newFixedThreadPool(BRANCHES);
        try {
            for (int round = 0; round < 25; round++) {
                String folder = "out" + round + "/a/b/c";
                CyclicBarrier together = new CyclicBarrier(BRANCHES);
                List<CompletableFuture<Path>> files = new ArrayList<>();
                for (int branch = 0; branch < BRANCHES; branch++) {
                    String path = folder + "/video-" + branch + ".mp4";
                    files.add(CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    together.await();
                                    return WorkspaceFiles.writable(workspace.toFile(), path, "download");
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            },
                            branches));
                }
                for (CompletableFuture<Path> file : files) {
                    assertThat(file.join().getParent())
                            .isEqualTo(workspace.toRealPath().resolve(folder));
                }
                assertThat(Files.isDirectory(workspace.resolve(folder))).isTrue();
            }
        } finally {
            branches.shutdownNow();
        }
    }

    @Test
    void aTargetWithDotSegmentsIsRefusedByItsForm() {
        for (String path : List.of("out/intro/..", "a/b/../c.mp4", "./intro-4k.mp4", "out/./intro-4k.mp4")) {
            assertThatThrownBy(() -> WorkspaceFiles.checkTarget(path, "download"))
                    .as(path)
                    .hasMessage("download: '" + path + "' has a '.' or '..' segment; name the file plainly, such as"
                            + " out/intro-4k.mp4");
        }
    }

    @Test
    void checkingATargetRefusesWhatSavingWouldRefuseAndCreatesNothing() throws Exception {
        Path outside = Files.createDirectories(workspace.resolveSibling(workspace.getFileName() + "-outside"));
        Files.createSymbolicLink(workspace.resolve("release"), outside);
        Files.createDirectories(workspace.resolve("out/intro-4k.mp4"));
        Files.writeString(workspace.resolve("notes"), "a file");

        assertThatThrownBy(() -> WorkspaceFiles.checkWritable(workspace.toFile(), "release/intro-4k.mp4", "download"))
                .hasMessageContaining("symbolic link that leads outside the workspace");
        assertThatThrownBy(() -> WorkspaceFiles.checkWritable(workspace.toFile(), "out/intro-4k.mp4", "download"))
                .hasMessage("download: 'out/intro-4k.mp4' is not a file");
        assertThatThrownBy(() -> WorkspaceFiles.checkWritable(workspace.toFile(), "notes/intro-4k.mp4", "download"))
                .hasMessageContaining("'notes' is a file, not a folder");

        WorkspaceFiles.checkWritable(workspace.toFile(), "new/deeper/intro-4k.mp4", "download");
        assertThat(workspace.resolve("new")).doesNotExist();
        assertThat(outside).isEmptyDirectory();
    }
}
