package io.jenkins.plugins.runwayupscale.upscale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import hudson.AbortException;
import io.jenkins.plugins.runwayupscale.client.AuthenticationException;
import io.jenkins.plugins.runwayupscale.client.ReportContract;
import io.jenkins.plugins.runwayupscale.client.RunwayTask;
import io.jenkins.plugins.runwayupscale.client.TaskCancelledException;
import io.jenkins.plugins.runwayupscale.client.TaskFailedException;
import io.jenkins.plugins.runwayupscale.client.TaskReport.Status;
import io.jenkins.plugins.runwayupscale.client.TaskTimedOutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The build archives, for each way a task ends, the .json the command line writes for it ({@link ReportContract}). */
class ReportContractTest {
    private static final String TASK = "task-contract";

    private final TestBuild build = new TestBuild();
    private final ManualExecutor worker = new ManualExecutor();

    @Test
    void succeeded() throws Exception {
        assertThat(archivedAfter(answer -> answer.complete(Tasks.succeeded(TASK))))
                .isEqualTo(ReportContract.expected(Status.SUCCEEDED, TASK, List.of(Tasks.OUTPUT)));
    }

    @Test
    void failed() throws Exception {
        RunwayTask failed = Tasks.failed(TASK, ReportContract.FAILURE_CODE, ReportContract.FAILURE);

        assertThat(archivedAfter(answer -> answer.completeExceptionally(new TaskFailedException(failed, "upscale_v1"))))
                .isEqualTo(ReportContract.expected(Status.FAILED, TASK, List.of()));
    }

    @Test
    void cancelled() throws Exception {
        assertThat(archivedAfter(answer -> answer.completeExceptionally(new TaskCancelledException(TASK))))
                .isEqualTo(ReportContract.expected(Status.CANCELLED, TASK, List.of()));
    }

    @Test
    void timedOut() throws Exception {
        TaskTimedOutException timeout =
                new TaskTimedOutException(TASK, Duration.ofMinutes(60), Tasks.running(TASK, 0.4));

        assertThat(archivedAfter(answer -> answer.completeExceptionally(timeout)))
                .isEqualTo(ReportContract.expected(Status.TIMED_OUT, TASK, List.of()));
    }

    @Test
    void endedByAnError() throws Exception {
        AuthenticationException refused = new AuthenticationException("CometAPI answered HTTP 401 while reading.");

        assertThat(archivedAfter(answer -> answer.completeExceptionally(refused)))
                .isEqualTo(ReportContract.expected(Status.ERROR, TASK, List.of()));
    }

    /** Submits, ends the wait as {@code end} says, and returns the archived .json without its times. */
    private JsonNode archivedAfter(Consumer<CompletableFuture<RunwayTask>> end) throws Exception {
        Upscale upscale = build.service(worker).upscale(plan(), build.build());
        upscale.submit(Upscale.SubmissionHook.NONE);
        worker.runAll();
        build.gateway.lastSubmit().answer().complete(TASK);
        worker.runAll();
        end.accept(build.gateway.lastWait().answer());
        worker.runAll();

        assertThat(upscale.result()).isDone();
        return ReportContract.withoutTimes(build.archived.get("runway-upscale/" + TASK + ".json"));
    }

    private static UpscalePlan plan() throws AbortException {
        return UpscalePlan.of(
                new UpscaleRequest(ReportContract.VIDEO, TestBuild.CREDENTIAL_ID, null, null, null, true),
                UpscaleDefaults.none());
    }
}
