package io.jenkins.plugins.runwayupscale.reuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's index of its successful upscales: bounded, per job, safe under concurrent builds and across restarts. */
class ReuseIndexTest {
    @TempDir
    Path jobs;

    private static ReuseIndex.Entry entry(String key, int build) {
        return new ReuseIndex.Entry(key, build, "task-" + build, "ab12", null, null);
    }

    @Test
    void findsTheNewestResultForAKeyAndKeepsItAcrossARestart() {
        Path job = jobs.resolve("release");
        ReuseIndex index = ReuseIndex.of(job);
        index.record(entry("k1", 1));
        index.record(entry("k2", 2));
        index.record(entry("k1", 3));

        assertThat(index.find("k1")).map(ReuseIndex.Entry::build).hasValue(3);
        assertThat(ReuseIndex.reopened(job).find("k1"))
                .map(ReuseIndex.Entry::taskId)
                .hasValue("task-3");
        assertThat(ReuseIndex.reopened(job).find("k2"))
                .map(ReuseIndex.Entry::build)
                .hasValue(2);
        assertThat(index.find("k3")).isEmpty();
    }

    @Test
    void resultsNeverCrossJobs() {
        ReuseIndex.of(jobs.resolve("a")).record(entry("k1", 1));

        assertThat(ReuseIndex.of(jobs.resolve("b")).find("k1")).isEmpty();
        assertThat(ReuseIndex.of(jobs.resolve("a"))).isSameAs(ReuseIndex.of(jobs.resolve("a/../a")));
    }

    @Test
    void aDeletedBuildIsForgotten() {
        ReuseIndex index = ReuseIndex.of(jobs.resolve("release"));
        index.record(entry("k1", 1));
        index.record(entry("k2", 2));

        index.forgetBuild(1);

        assertThat(index.find("k1")).isEmpty();
        assertThat(index.find("k2")).isPresent();
    }

    @Test
    void staysBoundedKeepingTheNewest() throws Exception {
        Path job = jobs.resolve("release");
        ReuseIndex index = ReuseIndex.of(job);
        for (int build = 1; build <= ReuseIndex.MAX_ENTRIES + 50; build++) {
            index.record(entry("k" + build, build));
        }

        assertThat(index.find("k1")).isEmpty();
        assertThat(index.find("k" + (ReuseIndex.MAX_ENTRIES + 50))).isPresent();
        assertThat(index.find("k51")).isPresent();
        assertThat(Files.size(job.resolve(ReuseIndex.FILE_NAME))).isLessThan(200_000);
    }

    @Test
    void concurrentBuildsOfTheJobLoseNoEntry() throws Exception {
        Path job = jobs.resolve("release");
        ExecutorService builds = Executors.newFixedThreadPool(8);
        try {
            CyclicBarrier together = new CyclicBarrier(8);
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int b = 0; b < 8; b++) {
                int build = b;
                done.add(CompletableFuture.runAsync(
                        () -> {
                            try {
                                together.await();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            for (int i = 0; i < 10; i++) {
                                ReuseIndex.of(job).record(entry("k" + build + "-" + i, build));
                            }
                        },
                        builds));
            }
            done.forEach(CompletableFuture::join);
        } finally {
            builds.shutdownNow();
        }
        for (int b = 0; b < 8; b++) {
            for (int i = 0; i < 10; i++) {
                assertThat(ReuseIndex.reopened(job).find("k" + b + "-" + i))
                        .as("k%d-%d", b, i)
                        .isPresent();
            }
        }
    }

    @Test
    void aBrokenOrHugeFileIsAnEmptyIndexNotAFailure() throws Exception {
        Path job = Files.createDirectories(jobs.resolve("release"));
        Files.writeString(job.resolve(ReuseIndex.FILE_NAME), "{not json");
        assertThat(ReuseIndex.reopened(job).find("k1")).isEmpty();

        Files.write(job.resolve(ReuseIndex.FILE_NAME), new byte[2 * 1024 * 1024]);
        ReuseIndex index = ReuseIndex.reopened(job);
        assertThat(index.find("k1")).isEmpty();
        index.record(entry("k1", 1));
        assertThat(index.find("k1")).isPresent();
    }

    @Test
    void theKeyDependsOnEveryPartAndNotOnTheOrderOfOptions() {
        String base = ReuseKey.ofContent("ab", "upscale_v1", Map.of("a", 1L, "b", "x"), "2024-11-06")
                .id();

        assertThat(ReuseKey.ofContent("ab", "upscale_v1", Map.of("b", "x", "a", 1L), "2024-11-06")
                        .id())
                .isEqualTo(base);
        assertThat(List.of(
                        ReuseKey.ofContent("ac", "upscale_v1", Map.of("a", 1L, "b", "x"), "2024-11-06")
                                .id(),
                        ReuseKey.ofContent("ab", "other", Map.of("a", 1L, "b", "x"), "2024-11-06")
                                .id(),
                        ReuseKey.ofContent("ab", "upscale_v1", Map.of("a", 2L, "b", "x"), "2024-11-06")
                                .id(),
                        ReuseKey.ofContent("ab", "upscale_v1", Map.of("a", 1L, "b", "x"), "2025-01-01")
                                .id(),
                        ReuseKey.ofUri("ab", "upscale_v1", Map.of("a", 1L, "b", "x"), "2024-11-06")
                                .id()))
                .doesNotContain(base)
                .doesNotHaveDuplicates();
    }
}
