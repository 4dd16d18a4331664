package io.jenkins.plugins.runwayupscale.workspace;

import static org.assertj.core.api.Assertions.assertThat;

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
}
