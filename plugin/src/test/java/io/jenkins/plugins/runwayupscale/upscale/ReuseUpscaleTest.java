package io.jenkins.plugins.runwayupscale.upscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.runwayupscale.client.RunwaySettings;
import io.jenkins.plugins.runwayupscale.client.RunwayTask;
import io.jenkins.plugins.runwayupscale.reuse.ReuseIndex;
import io.jenkins.plugins.runwayupscale.reuse.ReuseKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/**
 * Never paying twice: an upscale whose input, model, options and Runway version match an earlier successful one of the
 * same job takes that result (read again for fresh URLs) instead of submitting, and parallel upscales with the same
 * input submit once.
 */
class ReuseUpscaleTest {
    private static final String VIDEO = "https://cdn.example.com/final.mp4";

    private final TestBuild build = new TestBuild();
    private final FakeGateway gateway = build.gateway;
    private final ManualExecutor worker = new ManualExecutor();
    private final UpscaleService service = build.service(worker);

    @TempDir
    Path tmp;

    private PlainWorkspace workspace;

    @BeforeEach
    void start() throws Exception {
        workspace = new PlainWorkspace(Files.createDirectories(tmp.resolve("workspace")));
        Files.createDirectories(workspace.root.resolve("out"));
        Files.write(workspace.root.resolve("out/intro.mp4"), ReleaseUpscaleTest.video(5000, 7));
        Files.write(workspace.root.resolve("out/outro.mp4"), ReleaseUpscaleTest.video(5000, 11));
    }

    private static UpscaleRequest request(String videoFile, String model, Map<String, Object> options, String reuse) {
        return new UpscaleRequest(
                videoFile == null ? VIDEO : null,
                TestBuild.CREDENTIAL_ID,
                model,
                null,
                null,
                true,
                videoFile,
                null,
                false,
                options,
                null,
                reuse);
    }

    private static UpscaleRequest file(String videoFile) {
        return request(videoFile, null, Map.of(), null);
    }

    private Upscale start(UpscaleRequest request) throws Exception {
        Upscale upscale = service.upscale(service.plan(request), UpscaleBuild.of(build.run, build.listener, workspace));
        upscale.submit((kept, submission) -> CompletableFuture.completedFuture(null));
        worker.runAll();
        return upscale;
    }

    /** Answers the last submission with {@code taskId} and has the task succeed. */
    private void succeed(String taskId) {
        gateway.lastSubmit().answer().complete(taskId);
        worker.runAll();
        gateway.lastWait().answer().complete(Tasks.succeeded(taskId));
        worker.runAll();
    }

    private static UpscaleRequest dataUri(byte[] video) {
        return new UpscaleRequest(
                "data:video/mp4;base64," + java.util.Base64.getEncoder().encodeToString(video),
                TestBuild.CREDENTIAL_ID,
                null,
                null,
                null,
                true,
                null,
                null,
                false,
                Map.of(),
                null,
                null);
    }

    /** Runs an upscale to SUCCEEDED through a submission answered with {@code taskId}. */
    private UpscaleOutcome paid(UpscaleRequest request, String taskId) throws Exception {
        int before = gateway.submits.size();
        Upscale upscale = start(request);
        assertThat(gateway.submits).hasSize(before + 1);
        gateway.lastSubmit().answer().complete(taskId);
        worker.runAll();
        gateway.lastWait().answer().complete(Tasks.succeeded(taskId));
        worker.runAll();
        return upscale.result().get();
    }

    private static RunwayTask fresh(String taskId) {
        return new RunwayTask(
                taskId,
                io.jenkins.plugins.runwayupscale.client.TaskStatus.SUCCEEDED,
                "SUCCEEDED",
                1.0,
                java.util.List.of("https://cdn.example.com/fresh/" + taskId + ".mp4"),
                null,
                null,
                null);
    }

    @Test
    void theSameWorkspaceVideoAgainTakesTheEarlierTaskWithOneReadAndNoSubmission() throws Exception {
        paid(file("out/intro.mp4"), "task-1");

        Upscale again = start(file("out/intro.mp4"));
        assertThat(gateway.submits).hasSize(1);
        assertThat(gateway.reads).hasSize(1);
        assertThat(gateway.reads.get(0).taskId()).isEqualTo("task-1");
        gateway.reads.get(0).answer().complete(fresh("task-1"));
        worker.runAll();

        UpscaleOutcome outcome = again.result().get();
        assertThat(outcome.taskId()).isEqualTo("task-1");
        assertThat(outcome.outputs()).containsExactly("https://cdn.example.com/fresh/task-1.mp4");
        assertThat(gateway.submits).as("nothing paid again").hasSize(1);
        assertThat(gateway.waits).as("no polling either").hasSize(1);
        String sha256 = ReleaseUpscaleTest.sha256(ReleaseUpscaleTest.video(5000, 7));
        assertThat(build.consoleText())
                .contains("Reused task task-1 of build #0: same video (sha256 " + sha256.substring(0, 12)
                        + "...), model and options; nothing submitted.");
        JsonNode json = build.archivedJson("task-1");
        assertThat(json.get("reusedFrom").get("taskId").asText()).isEqualTo("task-1");
        assertThat(json.get("reusedFrom").get("build").asText()).isEqualTo("#0");
        assertThat(json.get("reusedFrom").get("inputSha256").asText()).isEqualTo(sha256);
        assertThat(json.get("outputs").get(0).asText()).isEqualTo("https://cdn.example.com/fresh/task-1.mp4");
        ArgumentCaptor<RunwayUpscaleAction> pages = ArgumentCaptor.forClass(RunwayUpscaleAction.class);
        verify(build.run, atLeastOnce()).addAction(pages.capture());
        assertThat(pages.getAllValues().get(pages.getAllValues().size() - 1).getReusedFrom())
                .as("the build page says where the result came from")
                .isEqualTo("#0");
        assertThat(pages.getAllValues().get(0).getReusedFrom()).isNull();
    }

    @Test
    void anEarlierTaskThatCannotBeReadAnyMoreIsSubmittedAgain() throws Exception {
        paid(file("out/intro.mp4"), "task-1");

        Upscale again = start(file("out/intro.mp4"));
        gateway.reads.get(0).answer().completeExceptionally(new java.io.IOException("Runway task task-1 is gone"));
        worker.runAll();

        assertThat(gateway.submits).hasSize(2);
        assertThat(build.consoleText())
                .contains("Task task-1 of build #0 had the same input, model and options, but its result cannot be"
                        + " taken (Runway task task-1 is gone); submitting.");
        succeed("task-2");
        assertThat(again.result().get().taskId()).isEqualTo("task-2");
    }

    @Test
    void anotherVideoModelOrOptionsOrReuseNeverAlwaysSubmits() throws Exception {
        paid(file("out/intro.mp4"), "task-1");

        paid(file("out/outro.mp4"), "task-2");
        paid(request("out/intro.mp4", "magnific_video_upscaler_creative", Map.of(), null), "task-3");
        paid(request("out/intro.mp4", null, Map.of("resolution", "4k"), null), "task-4");
        paid(request("out/intro.mp4", null, Map.of(), "never"), "task-5");

        assertThat(gateway.submits).hasSize(5);
        assertThat(gateway.reads).isEmpty();
    }

    @Test
    void aVideoUrlIsReusedOnlyWhenAskedFor() throws Exception {
        paid(request(null, null, Map.of(), "uri"), "task-1");
        paid(request(null, null, Map.of(), null), "task-2");
        assertThat(gateway.reads)
                .as("a URL is not content: reuse content does not match it")
                .isEmpty();

        Upscale again = start(request(null, null, Map.of(), "uri"));
        assertThat(gateway.reads).hasSize(1);
        gateway.reads.get(0).answer().complete(fresh("task-1"));
        worker.runAll();
        assertThat(again.result().get().taskId()).isEqualTo("task-1");
        assertThat(gateway.submits).hasSize(2);
    }

    @Test
    void aDeletedBuildsResultIsNotReused() throws Exception {
        paid(file("out/intro.mp4"), "task-1");
        ReuseIndex.of(build.jobFolder).forgetBuild(0);

        paid(file("out/intro.mp4"), "task-2");

        assertThat(gateway.reads).isEmpty();
    }

    @Test
    void parallelUpscalesOfTheSameVideoSubmitOnce() throws Exception {
        Upscale first = start(file("out/intro.mp4"));
        Upscale second = start(file("out/intro.mp4"));
        assertThat(gateway.submits).hasSize(1);
        assertThat(build.consoleText()).contains("Waiting for a parallel upscale of the same video");

        succeed("task-1");
        assertThat(first.result().get().taskId()).isEqualTo("task-1");
        assertThat(gateway.reads).hasSize(1);
        gateway.reads.get(0).answer().complete(fresh("task-1"));
        worker.runAll();

        assertThat(second.result().get().taskId()).isEqualTo("task-1");
        assertThat(gateway.submits).hasSize(1);
    }

    @Test
    void whenTheParallelLeaderFailsTheOtherSubmitsItself() throws Exception {
        Upscale first = start(file("out/intro.mp4"));
        Upscale second = start(file("out/intro.mp4"));

        gateway.lastSubmit().answer().completeExceptionally(new IllegalStateException("CometAPI said no"));
        worker.runAll();

        assertThat(first.result()).isCompletedExceptionally();
        assertThat(gateway.submits).hasSize(2);
        succeed("task-2");
        assertThat(second.result().get().taskId()).isEqualTo("task-2");
    }

    @Test
    void aStoppedFollowerNeverSubmits() throws Exception {
        start(file("out/intro.mp4"));
        Upscale second = start(file("out/intro.mp4"));

        second.stop(new InterruptedException("aborted"));
        gateway.lastSubmit().answer().completeExceptionally(new IllegalStateException("CometAPI said no"));
        worker.runAll();

        assertThat(gateway.submits).hasSize(1);
        try {
            second.result().get();
        } catch (ExecutionException e) {
            assertThat(e.getCause()).hasMessage("aborted");
        }
    }

    /** The index entry an earlier build #7 left after archiving {@code archived} for out/intro.mp4. */
    private String earlierArchived(byte[] archived) throws Exception {
        String inputSha256 = ReleaseUpscaleTest.sha256(ReleaseUpscaleTest.video(5000, 7));
        String key = ReuseKey.ofContent(
                        inputSha256, RunwaySettings.DEFAULT_MODEL, Map.of(), RunwaySettings.DEFAULT_RUNWAY_VERSION)
                .id();
        String artifact = "runway-upscale/task-7/intro-4k.mp4";
        ReuseIndex.of(build.jobFolder)
                .record(new ReuseIndex.Entry(
                        key, 7, "task-7", inputSha256, artifact, ReleaseUpscaleTest.sha256(archived)));
        return artifact;
    }

    private static UpscaleRequest release() {
        return new UpscaleRequest(
                null,
                TestBuild.CREDENTIAL_ID,
                null,
                null,
                null,
                true,
                "out/intro.mp4",
                "out/intro-4k.mp4",
                true,
                Map.of(),
                null,
                null);
    }

    @Test
    void whenTheTaskIsGoneTheEarlierBuildsArchivedVideoIsTakenIfItIsUnchanged() throws Exception {
        byte[] archived = ReleaseUpscaleTest.video(9000, 3);
        String artifact = earlierArchived(archived);
        build.earlierArtifacts.put("7/" + artifact, archived);

        Upscale again = start(release());
        gateway.reads.get(0).answer().completeExceptionally(new java.io.IOException("Runway task task-7 is gone"));
        worker.runAll();

        UpscaleOutcome outcome = again.result().get();
        assertThat(gateway.submits).as("nothing paid").isEmpty();
        assertThat(outcome.outputs()).containsExactly(TestBuild.artifactUrl(7, artifact));
        assertThat(workspace.root.resolve("out/intro-4k.mp4")).hasBinaryContent(archived);
        assertThat(workspace.archived.get("runway-upscale/task-7/intro-4k.mp4")).isEqualTo(archived);
        assertThat(build.consoleText())
                .contains("took runway-upscale/task-7/intro-4k.mp4, archived by build #7 and checked against its"
                        + " recorded SHA-256, instead.");
        JsonNode json = build.archivedJson("task-7");
        assertThat(json.get("reusedFrom").get("build").asText()).isEqualTo("#7");
        assertThat(json.get("download").get("sha256").asText()).isEqualTo(ReleaseUpscaleTest.sha256(archived));
    }

    @Test
    void anArchivedVideoThatChangedIsNotTakenAndTheVideoIsSubmitted() throws Exception {
        byte[] archived = ReleaseUpscaleTest.video(9000, 3);
        String artifact = earlierArchived(archived);
        byte[] tampered = archived.clone();
        tampered[5000] ^= 1;
        build.earlierArtifacts.put("7/" + artifact, tampered);

        start(release());
        gateway.reads.get(0).answer().completeExceptionally(new java.io.IOException("Runway task task-7 is gone"));
        worker.runAll();

        assertThat(gateway.submits).hasSize(1);
        assertThat(build.consoleText()).contains("is not the one recorded");
        assertThat(workspace.root.resolve("out/intro-4k.mp4")).doesNotExist();
        try (var files = Files.walk(workspace.root)) {
            assertThat(files.filter(f -> f.toString().endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void anArchivedVideoThatIsGoneIsNotTakenAndTheVideoIsSubmitted() throws Exception {
        earlierArchived(ReleaseUpscaleTest.video(9000, 3));

        start(release());
        gateway.reads.get(0).answer().completeExceptionally(new java.io.IOException("Runway task task-7 is gone"));
        worker.runAll();

        assertThat(gateway.submits).hasSize(1);
        assertThat(build.consoleText()).contains("its archived video runway-upscale/task-7/intro-4k.mp4 is gone");
    }

    @Test
    void aDataUriIsMatchedByItsContentAndDescribedLikeTheCommandLineDoes() throws Exception {
        byte[] video = ReleaseUpscaleTest.video(3000, 5);
        UpscaleRequest inline = dataUri(video);
        paid(inline, "task-1");
        JsonNode json = build.archivedJson("task-1");
        assertThat(json.get("videoFile").get("sha256").asText()).isEqualTo(ReleaseUpscaleTest.sha256(video));
        assertThat(json.get("videoFile").get("name").isNull()).isTrue();

        Upscale again = start(inline);
        gateway.reads.get(0).answer().complete(fresh("task-1"));
        worker.runAll();

        assertThat(again.result().get().taskId()).isEqualTo("task-1");
        assertThat(gateway.submits).hasSize(1);
    }

    /** Aborting while a reused result is being saved stops the save and never cancels the earlier, finished task. */
    @Test
    void abortingDuringAReusedResultsDownloadNeverCancelsTheEarlierTask() throws Exception {
        paid(file("out/intro.mp4"), "task-1");
        java.util.concurrent.CountDownLatch downloading = new java.util.concurrent.CountDownLatch(1);
        PlainWorkspace stuck = new PlainWorkspace(workspace.root) {
            @Override
            public io.jenkins.plugins.runwayupscale.client.DownloadedVideo download(
                    String taskId,
                    String url,
                    String path,
                    io.jenkins.plugins.runwayupscale.client.DownloadLimits limits)
                    throws InterruptedException {
                downloading.countDown();
                new java.util.concurrent.CountDownLatch(1).await();
                throw new AssertionError("never released");
            }
        };
        java.util.concurrent.ExecutorService agentCalls = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            UpscaleService separate = build.service(worker, agentCalls);
            Upscale again = separate.upscale(
                    separate.plan(new UpscaleRequest(
                            null,
                            TestBuild.CREDENTIAL_ID,
                            null,
                            null,
                            null,
                            true,
                            "out/intro.mp4",
                            "out/intro-4k.mp4",
                            false,
                            Map.of(),
                            null,
                            null)),
                    UpscaleBuild.of(build.run, build.listener, stuck));
            again.submit((kept, submission) -> CompletableFuture.completedFuture(null));
            org.awaitility.Awaitility.await().until(() -> {
                worker.runAll();
                return !gateway.reads.isEmpty();
            });
            gateway.reads.get(0).answer().complete(fresh("task-1"));
            worker.runAll();
            assertThat(downloading.await(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();

            again.stop(new InterruptedException("aborted"));
            worker.runAll();

            assertThat(again.result()).isCompletedExceptionally();
            assertThat(gateway.cancels)
                    .as("the earlier build's finished task is left alone")
                    .isEmpty();
            assertThat(gateway.submits).hasSize(1);
        } finally {
            agentCalls.shutdownNow();
        }
    }

    /** After a restart, an abort never cancels a task that was taken from an earlier build: it has ended. */
    @Test
    void aResumedReusedTaskIsNeverCancelled() throws Exception {
        Upscale resumed = service.upscale(service.plan(file("out/intro.mp4")), build.build());
        resumed.resume(new Submission("task-1", FakeGateway.NOW, true));
        worker.runAll();

        resumed.stop(new InterruptedException("aborted"));
        worker.runAll();

        assertThat(gateway.cancels).isEmpty();
        assertThat(resumed.result()).isCompletedExceptionally();
    }

    /** An upscale that spans a restart never boarded a flight, and its result still goes into the index. */
    @Test
    void aResultReachedAfterARestartIsRememberedForLaterRuns() throws Exception {
        byte[] video = ReleaseUpscaleTest.video(3000, 9);
        UpscaleRequest inline = dataUri(video);
        UpscalePlan kept = service.plan(inline).afterSubmission();
        Upscale resumed = service.upscale(kept, build.build());
        resumed.resume(new Submission("task-1", FakeGateway.NOW));
        worker.runAll();
        gateway.lastWait().answer().complete(Tasks.succeeded("task-1"));
        worker.runAll();
        assertThat(resumed.result().get().taskId()).isEqualTo("task-1");

        start(inline);

        assertThat(gateway.reads).hasSize(1);
        assertThat(gateway.reads.get(0).taskId()).isEqualTo("task-1");
        assertThat(gateway.submits).isEmpty();
    }

    /** Two branches of one build sharing a task each keep their own record on the build page. */
    @Test
    void parallelBranchesSharingATaskKeepTheirOwnBuildPageRecords() throws Exception {
        start(file("out/intro.mp4"));
        start(file("out/intro.mp4"));
        succeed("task-1");
        gateway.reads.get(0).answer().complete(fresh("task-1"));
        worker.runAll();

        ArgumentCaptor<RunwayUpscaleAction> pages = ArgumentCaptor.forClass(RunwayUpscaleAction.class);
        verify(build.run, atLeastOnce()).addAction(pages.capture());
        assertThat(pages.getAllValues()).hasSize(2);
        assertThat(pages.getAllValues().get(0)).isNotSameAs(pages.getAllValues().get(1));
        assertThat(pages.getAllValues().get(0).getReusedFrom()).isNull();
        assertThat(pages.getAllValues().get(1).getReusedFrom()).isEqualTo("#0");
    }
}
