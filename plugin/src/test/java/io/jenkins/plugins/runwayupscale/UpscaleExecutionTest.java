package io.jenkins.plugins.runwayupscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.SettableFuture;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.runwayupscale.client.TaskFailedException;
import io.jenkins.plugins.runwayupscale.client.TaskTimedOutException;
import io.jenkins.plugins.runwayupscale.upscale.FakeGateway;
import io.jenkins.plugins.runwayupscale.upscale.ManualExecutor;
import io.jenkins.plugins.runwayupscale.upscale.Tasks;
import io.jenkins.plugins.runwayupscale.upscale.TestBuild;
import io.jenkins.plugins.runwayupscale.upscale.UpscaleRequest;
import java.io.ObjectStreamClass;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UpscaleExecutionTest {
    private static final String VIDEO = "https://cdn.example.com/final.mp4";

    private final TestBuild build = new TestBuild();
    private final FakeGateway gateway = build.gateway;
    private final ManualExecutor worker = new ManualExecutor();
    private final List<Object> successes = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private StepContext context;
    private ExecutorService pool;

    @BeforeEach
    void mockContext() throws Exception {
        context = newContext();
    }

    @AfterEach
    void stopPool() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Test
    void startReturnsFalseAndSendsNothing() throws Exception {
        UpscaleExecution execution = execution();

        assertThat(execution.start()).isFalse();

        assertThat(gateway.submits).isEmpty();
        verify(context, never()).get(any());
        assertThat(build.lookups).hasValue(0);
        assertThat(worker.pending()).isEqualTo(1);
        assertThat(execution.getStatus()).isEqualTo("looking up the CometAPI credential");
    }

    @Test
    void startRejectsInvalidParametersWithoutWork() {
        UpscaleExecution execution = new UpscaleExecution(
                context,
                new UpscaleRequest("http://cdn.example.com/final.mp4", TestBuild.CREDENTIAL_ID, null, null, null, true),
                build.service(worker));

        assertThatThrownBy(execution::start)
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("video URI")
                .hasMessageContaining("https://");
        assertThat(worker.pending()).isZero();
    }

    @Test
    void succeedsWithTheOutputUrl() throws Exception {
        UpscaleExecution execution = startedAndPolling("task-1");

        gateway.lastWait().answer().complete(Tasks.succeeded("task-1"));
        worker.runAll();

        assertThat(successes).containsExactly(Tasks.OUTPUT);
        assertThat(failures).isEmpty();
        assertThat(build.archived).containsOnlyKeys("runway-upscale/task-1.url", "runway-upscale/task-1.json");
        assertThat(execution.getStatus()).isEqualTo("finished");
    }

    @ParameterizedTest
    @EnumSource(ProgramFormat.class)
    void persistsTheTaskIdBeforeTheFirstPoll(ProgramFormat format) throws Exception {
        SettableFuture<Void> saved = SettableFuture.create();
        when(context.saveState()).thenReturn(saved);
        UpscaleExecution execution = execution();
        execution.start();
        worker.runAll();
        gateway.lastSubmit().answer().complete("task-2");
        worker.runAll();

        verify(context).saveState();
        assertThat(format.write(execution)).contains("task-2".getBytes(StandardCharsets.UTF_8));
        assertThat(gateway.waits).isEmpty();

        saved.set(null);
        worker.runAll();
        assertThat(gateway.waits)
                .singleElement()
                .extracting(FakeGateway.Wait::taskId)
                .isEqualTo("task-2");
    }

    @Test
    void failsWithWhatRunwaySaidAndWhatToDo() throws Exception {
        startedAndPolling("task-3");

        gateway.lastWait()
                .answer()
                .completeExceptionally(new TaskFailedException(
                        Tasks.failed("task-3", "SAFETY.INPUT.VIDEO", "The video did not pass moderation"),
                        "upscale_v1"));
        worker.runAll();

        assertThat(successes).isEmpty();
        assertThat(failures)
                .singleElement()
                .isInstanceOf(AbortException.class)
                .extracting(Throwable::getMessage)
                .asString()
                .contains("task-3", "SAFETY.INPUT.VIDEO", "moderation", "do not retry");
        assertThat(build.archivedJson("task-3").path("status").asText()).isEqualTo("FAILED");
        assertThat(build.archivedJson("task-3").path("failureCode").asText()).isEqualTo("SAFETY.INPUT.VIDEO");
    }

    @Test
    void timeoutFailsWithTheLastStatus() throws Exception {
        startedAndPolling("task-4");

        gateway.lastWait()
                .answer()
                .completeExceptionally(
                        new TaskTimedOutException("task-4", Duration.ofMinutes(60), Tasks.running("task-4", 0.4)));
        worker.runAll();

        assertThat(failures)
                .singleElement()
                .extracting(Throwable::getMessage)
                .asString()
                .contains("task-4", "RUNNING 40%", "Raise the timeout");
        assertThat(build.archivedJson("task-4").path("status").asText()).isEqualTo("TIMED_OUT");
    }

    @Test
    void stopDuringPollStopsAtOnceAndCancelsWithoutWaiting() throws Exception {
        UpscaleExecution execution = startedAndPolling("task-5");
        FakeGateway.Wait polling = gateway.lastWait();
        Exception cause = new Exception("aborted by user");

        execution.stop(cause);

        assertThat(polling.answer()).isCancelled();
        assertThat(failures).containsExactly(cause);
        worker.runAll();
        assertThat(gateway.cancels)
                .singleElement()
                .extracting(FakeGateway.Cancel::taskId)
                .isEqualTo("task-5");
        assertThat(gateway.cancels.get(0).answer()).isNotDone();
        assertThat(failures).containsExactly(cause);
        assertThat(successes).isEmpty();
        assertThat(build.consoleText()).contains("Stopped waiting for Runway task task-5");
    }

    @Test
    void stopDuringSubmitCancelsTheTaskWhenItsIdArrives() throws Exception {
        UpscaleExecution execution = execution();
        execution.start();
        worker.runAll();
        Exception cause = new Exception("aborted by user");

        execution.stop(cause);
        assertThat(failures).containsExactly(cause);

        gateway.lastSubmit().answer().complete("task-6");
        worker.runAll();

        assertThat(gateway.cancels)
                .singleElement()
                .extracting(FakeGateway.Cancel::taskId)
                .isEqualTo("task-6");
        assertThat(gateway.waits).isEmpty();
        verify(context, never()).saveState();
        assertThat(failures).containsExactly(cause);
        assertThat(successes).isEmpty();
    }

    @Test
    void completesExactlyOnceWhenStopRacesTheResult() throws Exception {
        pool = Executors.newFixedThreadPool(4);
        ExecutorService racers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 100; round++) {
                AtomicInteger completions = new AtomicInteger();
                StepContext racing = countingContext(completions);
                UpscaleExecution execution = new UpscaleExecution(racing, request(), build.service(pool));
                execution.start();
                int submitted = round + 1;
                int before = gateway.waits.size();
                soon().until(() -> gateway.submits.size() == submitted);
                gateway.lastSubmit().answer().complete("race-" + round);
                soon().until(() -> gateway.waits.size() == before + 1);
                FakeGateway.Wait polling = gateway.lastWait();

                CountDownLatch go = new CountDownLatch(1);
                racers.execute(() -> {
                    awaitQuietly(go);
                    polling.answer().complete(Tasks.succeeded(polling.taskId()));
                });
                racers.execute(() -> {
                    awaitQuietly(go);
                    execution.stop(new Exception("aborted"));
                });
                go.countDown();

                soon().until(() -> completions.get() >= 1);
                // Long enough for the losing side to have completed the step too, were that possible.
                soon().during(Duration.ofMillis(10)).until(() -> completions.get() == 1);
            }
        } finally {
            racers.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(ProgramFormat.class)
    void resumeWithSavedTaskIdPollsAndNeverResubmits(ProgramFormat format) throws Exception {
        UpscaleExecution before = startedAndPolling("task-7");
        FakeGateway.Wait firstWait = gateway.lastWait();

        UpscaleExecution after = restart(format, before);
        after.onResume();
        worker.runAll();

        assertThat(gateway.submits).hasSize(1);
        assertThat(gateway.waits).hasSize(2);
        FakeGateway.Wait resumed = gateway.lastWait();
        assertThat(resumed.taskId()).isEqualTo("task-7");
        assertThat(resumed.submittedAt()).isEqualTo(firstWait.submittedAt());
        assertThat(build.lookups)
                .as("the credential is read again after the restart")
                .hasValue(2);
        assertThat(build.consoleText()).contains("resuming the wait for Runway task task-7");

        resumed.answer().complete(Tasks.succeeded("task-7"));
        worker.runAll();
        assertThat(successes).containsExactly(Tasks.OUTPUT);
    }

    @ParameterizedTest
    @EnumSource(ProgramFormat.class)
    void resumeWithoutSavedTaskIdFailsAndNeverResubmits(ProgramFormat format) throws Exception {
        UpscaleExecution before = execution();
        before.start();
        worker.runAll();
        assertThat(gateway.submits).hasSize(1);

        UpscaleExecution after = restart(format, before);
        after.onResume();
        worker.runAll();

        assertThat(gateway.submits).hasSize(1);
        assertThat(gateway.waits).isEmpty();
        assertThat(failures)
                .singleElement()
                .isInstanceOf(AbortException.class)
                .extracting(Throwable::getMessage)
                .asString()
                .contains("restarted before", "not submitted again");
    }

    @ParameterizedTest
    @EnumSource(ProgramFormat.class)
    void resumeNeverThrowsWhenTheEnvironmentIsBroken(ProgramFormat format) throws Exception {
        UpscaleExecution before = startedAndPolling("task-8");
        UpscaleExecution after = restart(format, before);
        after.useService(null);

        after.onResume();

        assertThat(failures).singleElement().isInstanceOf(RuntimeException.class);
    }

    @ParameterizedTest
    @EnumSource(ProgramFormat.class)
    void serializedExecutionMidPollHoldsNoKey(ProgramFormat format) throws Exception {
        UpscaleExecution execution = startedAndPolling("task-9");
        gateway.lastWait().listener().statusChanged(Tasks.running("task-9", 0.5));
        worker.runAll();

        byte[] bytes = format.write(execution);

        assertThat(bytes).contains("task-9".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain(TestBuild.KEY);
        assertThat(new String(bytes, StandardCharsets.UTF_16BE)).doesNotContain(TestBuild.KEY);
        assertThat(build.consoleText()).doesNotContain(TestBuild.KEY);
    }

    @Test
    void statusIsAnsweredFromMemory() throws Exception {
        UpscaleExecution execution = startedAndPolling("task-10");
        gateway.lastWait().listener().statusChanged(Tasks.running("task-10", 0.45));
        gateway.lastWait().listener().nextPoll(FakeGateway.NOW.plusSeconds(20));

        assertThat(execution.getStatus())
                .isEqualTo("waiting for Runway task task-10: RUNNING 45%, next poll at 2026-11-25T10:00:20Z");
        assertThat(execution.blocksRestart()).isFalse();
    }

    @Test
    void blocksRestartWhileTheSubmissionIsUnanswered() throws Exception {
        UpscaleExecution execution = execution();
        execution.start();
        worker.runAll();

        assertThat(execution.getStatus()).isEqualTo("submitting the video to CometAPI");
        assertThat(execution.blocksRestart()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ProgramFormat.class)
    void aDataUriIsNotSavedWithTheProgramOnceTheTaskExists(ProgramFormat format) throws Exception {
        byte[] video = new byte[16 * 1024 * 1024];
        new Random(11).nextBytes(video);
        String dataUri = "data:video/mp4;base64," + Base64.getEncoder().encodeToString(video);
        UpscaleExecution execution = new UpscaleExecution(
                context,
                new UpscaleRequest(dataUri, TestBuild.CREDENTIAL_ID, null, null, null, true),
                build.service(worker));
        execution.start();
        worker.runAll();
        assertThat(gateway.lastSubmit().plan().videoUri()).isEqualTo(dataUri);
        gateway.lastSubmit().answer().complete("task-11");
        worker.runAll();

        byte[] saved = format.write(execution);

        assertThat(saved.length).isLessThan(8 * 1024);
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(video));
        assertThat(new String(saved, StandardCharsets.ISO_8859_1)).contains(sha256, "video/mp4");
        UpscaleExecution after = restart(format, execution);
        after.onResume();
        worker.runAll();
        gateway.lastWait().answer().complete(Tasks.succeeded("task-11"));
        worker.runAll();
        assertThat(build.archivedJson("task-11").path("videoUri").asText())
                .isEqualTo("data:video/mp4;base64,... (16777216 bytes)");
    }

    @Test
    void theTaskIdIsSavedOnlyTogetherWithItsSubmissionTimeAndPlan() throws Exception {
        List<String> persisted = serializedFields(UpscaleExecution.class);
        List<String> submitted = serializedFields(Class.forName(UpscaleExecution.class.getName() + "$Submitted"));

        assertThat(persisted)
                .as("one field written at once, never a task id without its time")
                .containsExactlyInAnyOrder("completed:AtomicBoolean", "submitted:Submitted");
        assertThat(submitted).containsExactlyInAnyOrder("plan:UpscalePlan", "submission:Submission");
    }

    private static List<String> serializedFields(Class<?> type) {
        return Arrays.stream(ObjectStreamClass.lookup(type).getFields())
                .map(field -> field.getName() + ":" + field.getType().getSimpleName())
                .toList();
    }

    private UpscaleExecution execution() {
        return new UpscaleExecution(context, request(), build.service(worker));
    }

    private static UpscaleRequest request() {
        return new UpscaleRequest(VIDEO, TestBuild.CREDENTIAL_ID, null, null, null, true);
    }

    /** Started, submitted as {@code taskId}, state saved, first poll under way. */
    private UpscaleExecution startedAndPolling(String taskId) throws Exception {
        UpscaleExecution execution = execution();
        execution.start();
        worker.runAll();
        gateway.lastSubmit().answer().complete(taskId);
        worker.runAll();
        assertThat(gateway.lastWait().taskId()).isEqualTo(taskId);
        return execution;
    }

    /** What a restart does: the execution is written with the program, read back, and given a new context. */
    private UpscaleExecution restart(ProgramFormat format, UpscaleExecution execution) throws Exception {
        UpscaleExecution restored = (UpscaleExecution) format.read(format.write(execution), context);
        restored.useService(build.service(worker));
        return restored;
    }

    private StepContext newContext() throws Exception {
        StepContext mocked = mock(StepContext.class);
        when(mocked.get(Run.class)).thenReturn((Run) build.run);
        when(mocked.get(TaskListener.class)).thenReturn(build.listener);
        when(mocked.saveState()).thenReturn(Futures.immediateVoidFuture());
        doAnswer(call -> successes.add(call.getArgument(0))).when(mocked).onSuccess(any());
        doAnswer(call -> failures.add(call.getArgument(0))).when(mocked).onFailure(any());
        return mocked;
    }

    private StepContext countingContext(AtomicInteger completions) throws Exception {
        StepContext mocked = mock(StepContext.class);
        when(mocked.get(Run.class)).thenReturn((Run) build.run);
        when(mocked.get(TaskListener.class)).thenReturn(build.listener);
        when(mocked.saveState()).thenReturn(Futures.immediateVoidFuture());
        doAnswer(call -> completions.incrementAndGet()).when(mocked).onSuccess(any());
        doAnswer(call -> completions.incrementAndGet()).when(mocked).onFailure(any());
        return mocked;
    }

    private static ConditionFactory soon() {
        return await().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .atMost(Duration.ofSeconds(5));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
