package io.jenkins.plugins.runwayupscale.upscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import hudson.AbortException;
import io.jenkins.plugins.runwayupscale.client.ApiKey;
import io.jenkins.plugins.runwayupscale.client.AuthenticationException;
import io.jenkins.plugins.runwayupscale.client.CancelResult;
import io.jenkins.plugins.runwayupscale.client.InlineVideoFile;
import io.jenkins.plugins.runwayupscale.client.RunwayTask;
import io.jenkins.plugins.runwayupscale.client.TransportException;
import io.jenkins.plugins.runwayupscale.client.WaitListener;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class UpscaleTest {
    private static final String VIDEO = "https://cdn.example.com/final.mp4";

    private final TestBuild build = new TestBuild();
    private final FakeGateway gateway = build.gateway;
    private final ManualExecutor worker = new ManualExecutor();
    private final UpscaleService service = build.service(worker);

    @Test
    void tellsTheConsoleEachStatusProgressInTenthsTheOutputAndTheFiles() throws Exception {
        Upscale upscale = submitted(plan(true), "task-1");
        var listener = gateway.lastWait().listener();

        listener.statusChanged(Tasks.running("task-1", 0.0));
        for (double p : new double[] {0.03, 0.08, 0.12, 0.19, 0.25, 0.61}) {
            listener.progressChanged(Tasks.running("task-1", p));
        }
        gateway.lastWait().answer().complete(Tasks.succeeded("task-1"));
        worker.runAll();

        assertThat(upscale.result()).isCompleted();
        assertThat(build.consoleText().lines().toList())
                .containsSubsequence(
                        "Submitting https://cdn.example.com/final.mp4 to CometAPI's Runway upscaler (model upscale_v1, Runway version 2024-11-06).",
                        "Submitted Runway task task-1.",
                        "Runway task task-1: RUNNING 0%",
                        "Runway task task-1: 10% done",
                        "Runway task task-1: 20% done",
                        "Runway task task-1: 60% done",
                        "Runway task task-1 SUCCEEDED: " + Tasks.OUTPUT,
                        "Archived runway-upscale/task-1.url, runway-upscale/task-1.json");
        assertThat(build.consoleText()).doesNotContain("30% done").doesNotContain(TestBuild.KEY);
    }

    @Test
    void recordsTheUpscaleOnTheBuildPage() throws Exception {
        submitted(plan(true), "task-2");
        ArgumentCaptor<RunwayUpscaleAction> added = ArgumentCaptor.forClass(RunwayUpscaleAction.class);
        verify(build.run).addAction(added.capture());
        RunwayUpscaleAction action = added.getValue();
        assertThat(action.getTaskId()).isEqualTo("task-2");
        assertThat(action.getStatus()).isEqualTo("SUBMITTED");

        gateway.lastWait().answer().complete(Tasks.succeeded("task-2"));
        worker.runAll();

        assertThat(action.getStatus()).isEqualTo("SUCCEEDED");
        assertThat(action.getOutputs()).containsExactly(Tasks.OUTPUT);
        assertThat(action.getArtifacts()).containsExactly("runway-upscale/task-2.url", "runway-upscale/task-2.json");
        assertThat(action.getFailure()).isNull();
        verify(build.run, atLeastOnce()).save();
    }

    @Test
    void reusesTheBuildPageEntryOfTheSameTaskAfterARestart() throws Exception {
        RunwayUpscaleAction existing = new RunwayUpscaleAction(new Submission("task-3", FakeGateway.NOW), plan(true));
        when(build.run.getActions(RunwayUpscaleAction.class)).thenReturn(List.of(existing));

        Upscale upscale = service.upscale(plan(true), build.build());
        upscale.resume(new Submission("task-3", FakeGateway.NOW));
        worker.runAll();

        verify(build.run, never()).addAction(any());
        assertThat(gateway.submits).isEmpty();
        gateway.lastWait().answer().complete(Tasks.succeeded("task-3"));
        worker.runAll();
        assertThat(existing.getStatus()).isEqualTo("SUCCEEDED");
    }

    @Test
    void archivesNothingWhenArchivingIsOff() throws Exception {
        Upscale upscale = submitted(plan(false), "task-4");

        gateway.lastWait().answer().complete(Tasks.succeeded("task-4"));
        worker.runAll();

        assertThat(build.archived).isEmpty();
        assertThat(upscale.result().get().artifacts()).isEmpty();
        assertThat(upscale.result().get().outputUrl()).isEqualTo(Tasks.OUTPUT);
    }

    @Test
    void aRejectedKeyFailsWithCometApisWordsAndNoTask() {
        Upscale upscale = service.upscale(plan(true), build.build());
        upscale.submit(Upscale.SubmissionHook.NONE);
        worker.runAll();

        gateway.lastSubmit()
                .answer()
                .completeExceptionally(new AuthenticationException(
                        "CometAPI refused the key (HTTP 401): check the CometAPI credential."));
        worker.runAll();

        assertThat(upscale.result()).isCompletedExceptionally();
        assertThatThrownBy(() -> upscale.result().join())
                .cause()
                .isInstanceOf(AbortException.class)
                .hasMessage("CometAPI refused the key (HTTP 401): check the CometAPI credential.");
        assertThat(gateway.waits).isEmpty();
        verify(build.run, never()).addAction(any());
    }

    @Test
    void aSubmissionWhoseAnswerWasLostIsNotSentAgain() {
        Upscale upscale = service.upscale(plan(true), build.build());
        upscale.submit(Upscale.SubmissionHook.NONE);
        worker.runAll();

        gateway.lastSubmit()
                .answer()
                .completeExceptionally(new TransportException(
                        "The connection was reset after the request was sent; the task may have been created (it was not resubmitted).",
                        true,
                        null));
        worker.runAll();

        assertThat(gateway.submits).hasSize(1);
        assertThatThrownBy(() -> upscale.result().join()).cause().hasMessageContaining("not resubmitted");
    }

    @Test
    void aMissingCredentialFailsBeforeAnythingIsSent() throws Exception {
        UpscalePlan plan =
                UpscalePlan.of(new UpscaleRequest(VIDEO, "nope", null, null, null, true), UpscaleDefaults.none());
        Upscale upscale = service.upscale(plan, build.build());
        upscale.submit(Upscale.SubmissionHook.NONE);
        worker.runAll();

        assertThat(gateway.submits).isEmpty();
        assertThatThrownBy(() -> upscale.result().join())
                .cause()
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("'nope'");
    }

    @Test
    void interruptingAFreestyleWaitStopsPollingCancelsAndRethrows() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Upscale upscale = build.service(pool).upscale(plan(true), build.build());
            upscale.submit(Upscale.SubmissionHook.NONE);
            Future<?> waiting = executor.submit(() -> {
                upscale.await();
                return null;
            });
            await().atMost(5, TimeUnit.SECONDS).until(() -> !gateway.submits.isEmpty());
            gateway.lastSubmit().answer().complete("task-5");
            await().atMost(5, TimeUnit.SECONDS).until(() -> !gateway.waits.isEmpty());

            waiting.cancel(true);

            await().atMost(5, TimeUnit.SECONDS).until(() -> !gateway.cancels.isEmpty());
            assertThat(gateway.cancels.get(0).taskId()).isEqualTo("task-5");
            // The wait may still be being set up on the pool when the stop comes: it is cancelled as soon as it is.
            await().atMost(5, TimeUnit.SECONDS)
                    .until(() -> gateway.lastWait().answer().isCancelled());
            assertThat(upscale.result()).isCompletedExceptionally();
        } finally {
            executor.shutdownNow();
            pool.shutdownNow();
        }
    }

    @Test
    void waitingDoesNotBlockARestartAndTheStatusSaysWhenItIsOver() throws Exception {
        Upscale upscale = submitted(plan(true), "task-6");
        assertThat(upscale.isBusy()).isFalse();
        assertThat(upscale.taskId()).isEqualTo("task-6");

        gateway.lastWait().answer().complete(Tasks.succeeded("task-6"));
        worker.runAll();

        assertThat(upscale.status()).isEqualTo("finished");
    }

    @Test
    void aStopJustAfterTheTaskEndedDoesNotCancelIt() {
        Upscale upscale = submitted(plan(true), "task-7");
        gateway.lastWait().answer().complete(Tasks.succeeded("task-7"));

        upscale.stop(new Exception("aborted"));
        worker.runAll();

        assertThat(gateway.cancels)
                .as("a cancel would delete the finished task and its output")
                .isEmpty();
        assertThat(upscale.result()).isCompletedExceptionally();
    }

    @Test
    void aStopAfterTheEndChangesNothing() throws Exception {
        Upscale upscale = submitted(plan(true), "task-8");
        gateway.lastWait().answer().complete(Tasks.succeeded("task-8"));
        worker.runAll();

        upscale.stop(new Exception("aborted"));
        worker.runAll();

        assertThat(gateway.cancels).isEmpty();
        assertThat(upscale.result().get().taskId()).isEqualTo("task-8");
    }

    @Test
    void anEngineThatBreaksFailsTheBuildInsteadOfLeavingItWaiting() throws Exception {
        Upscale upscale = new UpscaleService(
                        brokenGateway(),
                        new CredentialResolver(build.lookup()),
                        new ArtifactPublisher(build.sink()),
                        worker,
                        worker,
                        r -> build.jobFolder,
                        EarlierArtifacts.NONE,
                        UpscaleDefaults::none,
                        () -> false)
                .upscale(plan(true), build.build());

        upscale.submit(Upscale.SubmissionHook.NONE);
        worker.runAll();

        assertThatThrownBy(() -> upscale.result().join())
                .cause()
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("failed unexpectedly")
                .hasMessageContaining("engine closed");
    }

    @Test
    void whileJenkinsShutsDownNothingIsReportedSoTheWaitCanResume() throws Exception {
        Upscale upscale = new UpscaleService(
                        brokenGateway(),
                        new CredentialResolver(build.lookup()),
                        new ArtifactPublisher(build.sink()),
                        worker,
                        worker,
                        r -> build.jobFolder,
                        EarlierArtifacts.NONE,
                        UpscaleDefaults::none,
                        () -> true)
                .upscale(plan(true), build.build());

        upscale.submit(Upscale.SubmissionHook.NONE);
        worker.runAll();

        assertThat(upscale.result()).isNotDone();
    }

    @Test
    void anErrorFailsTheUpscaleInsteadOfLeavingItWaiting() {
        Upscale upscale = serviceOver(gatewayThrowingOnSubmit(
                        new NoClassDefFoundError("org/apache/hc/client5/http/async/HttpAsyncClient")))
                .upscale(plan(true), build.build());

        upscale.submit(Upscale.SubmissionHook.NONE);
        worker.runAll();

        assertThatThrownBy(() -> upscale.result().join())
                .cause()
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("failed unexpectedly")
                .hasMessageContaining("NoClassDefFoundError");
    }

    @Test
    void theWorkerPoolRecoversFromAnErrorAndRunsTheNextUpscale() {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Upscale broken = new UpscaleService(
                            gatewayThrowingOnSubmit(new LinkageError("two versions of Jackson")),
                            new CredentialResolver(build.lookup()),
                            new ArtifactPublisher(build.sink()),
                            pool,
                            pool,
                            r -> build.jobFolder,
                            EarlierArtifacts.NONE,
                            UpscaleDefaults::none,
                            () -> false)
                    .upscale(plan(true), build.build());
            broken.submit(Upscale.SubmissionHook.NONE);
            await().atMost(5, TimeUnit.SECONDS).until(() -> broken.result().isDone());
            assertThat(broken.result()).isCompletedExceptionally();

            Upscale next = build.service(pool).upscale(plan(true), build.build());
            next.submit(Upscale.SubmissionHook.NONE);
            await().atMost(5, TimeUnit.SECONDS).until(() -> !gateway.submits.isEmpty());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStopThatCannotReachCometApiDoesNotClaimACancel() {
        Upscale upscale = submitted(plan(true), "task-9");
        gateway.cancelRefusal = new IllegalStateException("Jenkins is shutting down");

        upscale.stop(new Exception("Jenkins is shutting down"));
        worker.runAll();

        assertThat(build.consoleText())
                .doesNotContain("asked CometAPI to cancel")
                .contains("could not ask CometAPI to cancel it (Jenkins is shutting down)");
        assertThat(upscale.result()).isCompletedExceptionally();
    }

    @Test
    void aStopWhileWaitingSaysTheCancelWasSent() {
        Upscale upscale = submitted(plan(true), "task-10");

        upscale.stop(new Exception("aborted"));

        assertThat(gateway.cancels)
                .singleElement()
                .extracting(FakeGateway.Cancel::taskId)
                .isEqualTo("task-10");
        assertThat(build.consoleText())
                .contains("Stopped waiting for Runway task task-10; asked CometAPI to cancel it (best effort).");
    }

    private UpscaleService serviceOver(RunwayGateway gatewayToUse) {
        return new UpscaleService(
                gatewayToUse,
                new CredentialResolver(build.lookup()),
                new ArtifactPublisher(build.sink()),
                worker,
                worker,
                r -> build.jobFolder,
                EarlierArtifacts.NONE,
                UpscaleDefaults::none,
                () -> false);
    }

    /** A gateway whose engine has been closed under it. */
    private RunwayGateway brokenGateway() {
        return gatewayThrowingOnSubmit(new IllegalStateException("engine closed"));
    }

    private RunwayGateway gatewayThrowingOnSubmit(Throwable thrown) {
        return new RunwayGateway() {
            @Override
            public CompletableFuture<String> submit(UpscalePlan plan, String videoUri, ApiKey key) {
                if (thrown instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) thrown;
            }

            @Override
            public CompletableFuture<String> submit(UpscalePlan plan, InlineVideoFile video, ApiKey key) {
                return submit(plan, video.displayUri(), key);
            }

            @Override
            public CompletableFuture<RunwayTask> read(UpscalePlan plan, ApiKey key, String taskId) {
                return gateway.read(plan, key, taskId);
            }

            @Override
            public CompletableFuture<RunwayTask> waitFor(
                    UpscalePlan plan, ApiKey key, String taskId, Instant submittedAt, WaitListener listener) {
                return gateway.waitFor(plan, key, taskId, submittedAt, listener);
            }

            @Override
            public CompletableFuture<CancelResult> cancel(UpscalePlan plan, ApiKey key, String taskId) {
                return gateway.cancel(plan, key, taskId);
            }

            @Override
            public Instant now() {
                return gateway.now();
            }
        };
    }

    private UpscalePlan plan(boolean archive) {
        try {
            return UpscalePlan.of(
                    new UpscaleRequest(VIDEO, TestBuild.CREDENTIAL_ID, null, null, null, archive),
                    UpscaleDefaults.none());
        } catch (AbortException e) {
            throw new AssertionError(e);
        }
    }

    private Upscale submitted(UpscalePlan plan, String taskId) {
        Upscale upscale = service.upscale(plan, build.build());
        upscale.submit((kept, submission) -> CompletableFuture.completedFuture(null));
        worker.runAll();
        gateway.lastSubmit().answer().complete(taskId);
        worker.runAll();
        return upscale;
    }
}
