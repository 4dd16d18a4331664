package io.jenkins.plugins.runwayupscale.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.jenkins.plugins.runwayupscale.client.Stubs.TASK_ID;
import static io.jenkins.plugins.runwayupscale.client.Stubs.VIDEO;
import static io.jenkins.plugins.runwayupscale.client.Stubs.error;
import static io.jenkins.plugins.runwayupscale.client.Stubs.submits;
import static io.jenkins.plugins.runwayupscale.client.Stubs.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Failures keep the task, the HTTP status and CometAPI's request id as fields, and quote the request id once. */
class FailureFactsTest {
    private static final String REQUEST_ID = "20260101000000123";

    @RegisterExtension
    static WireMockExtension server = Stubs.server();

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    private RunwayException failureOf(ThrowingCall call) throws Exception {
        return (RunwayException) fixture.failure(call.start(fixture.client(server.baseUrl())));
    }

    @FunctionalInterface
    private interface ThrowingCall {
        CompletableFuture<?> start(RunwayClient client) throws Exception;
    }

    @Test
    void aRefusedReadNamesTheTaskTheStatusAndTheRequestId() throws Exception {
        tasks(server, error(401, "invalid_api_key", "Invalid token"));

        RunwayException failure = failureOf(client -> client.readTask(TASK_ID));

        assertThat(failure).isInstanceOf(AuthenticationException.class);
        assertThat(failure.taskId()).isEqualTo(TASK_ID);
        assertThat(failure.statusCode()).isEqualTo(401);
        assertThat(failure.requestId()).isEqualTo(REQUEST_ID);
        assertThat(failure.getMessage())
                .startsWith("CometAPI answered HTTP 401 while reading task " + TASK_ID + ": Invalid token.")
                .contains("Check the CometAPI key")
                .endsWith("(request id: " + REQUEST_ID + ")");
        assertThat(failure.getMessage().split("request id", -1)).hasSize(2);
    }

    @Test
    void aRefusedSubmissionHasNoTaskButItsStatusAndRequestId() throws Exception {
        submits(server, error(400, "invalid_video", "videoUri must answer HEAD with a video"));

        RunwayException failure = failureOf(client -> client.submit(VIDEO));

        assertThat(failure).isInstanceOf(InvalidInputException.class);
        assertThat(((InvalidInputException) failure).wasSent()).isTrue();
        assertThat(failure.taskId()).isNull();
        assertThat(failure.statusCode()).isEqualTo(400);
        assertThat(failure.requestId()).isEqualTo(REQUEST_ID);
        assertThat(failure.getMessage()).contains("while submitting the upscale task: videoUri must answer HEAD");
    }

    @Test
    void theRequestIdHeaderIsUsedWhenTheMessageHasNone() throws Exception {
        tasks(
                server,
                aResponse()
                        .withStatus(404)
                        .withHeader("X-Request-Id", "req-42.a")
                        .withBody("{\"error\":{\"message\":\"no such task\",\"code\":\"not_found\"}}"));

        RunwayException failure = failureOf(client -> client.readTask(TASK_ID));

        assertThat(failure).isInstanceOf(TaskLostException.class);
        assertThat(failure.requestId()).isEqualTo("req-42.a");
        assertThat(failure.getMessage()).endsWith("(request id: req-42.a)");
    }

    @Test
    void aRequestIdHeaderThatIsNotAnIdIsIgnored() throws Exception {
        tasks(
                server,
                aResponse()
                        .withStatus(404)
                        .withHeader("X-Request-Id", "<script>alert(1)</script>")
                        .withBody("{\"error\":{\"message\":\"no such task\"}}"));

        RunwayException failure = failureOf(client -> client.readTask(TASK_ID));

        assertThat(failure.requestId()).isNull();
        assertThat(failure.getMessage()).doesNotContain("request id").doesNotContain("script");
    }

    @Test
    void aFailureWithoutAnAnswerHasNoStatusOrRequestId() throws Exception {
        RunwayClient client = fixture.client(Stubs.nothingListening());

        RunwayException failure = (RunwayException) fixture.failure(client.readTask(TASK_ID));

        assertThat(failure).isInstanceOf(TransportException.class);
        assertThat(failure.taskId()).isEqualTo(TASK_ID);
        assertThat(failure.statusCode()).isZero();
        assertThat(failure.requestId()).isNull();
        assertThat(failure.getMessage()).startsWith("Could not reach CometAPI while reading task " + TASK_ID + ": ");
    }

    @Test
    void aTaskThatEndedBadlyNamesItselfWithoutAnHttpStatus() {
        RunwayTask failed =
                new RunwayTask(TASK_ID, TaskStatus.FAILED, "FAILED", null, List.of(), "boom", "INTERNAL", null);

        assertThat(new TaskFailedException(failed, "upscale_v1").taskId()).isEqualTo(TASK_ID);
        assertThat(new TaskCancelledException(TASK_ID).taskId()).isEqualTo(TASK_ID);
        assertThat(new TaskCancelledException(TASK_ID).statusCode()).isZero();
        assertThat(InvalidInputException.local("video URI", "is missing").taskId())
                .isNull();
    }
}
