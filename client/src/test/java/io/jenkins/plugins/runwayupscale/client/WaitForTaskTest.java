package io.jenkins.plugins.runwayupscale.client;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.jenkins.plugins.runwayupscale.client.Stubs.OUTPUT;
import static io.jenkins.plugins.runwayupscale.client.Stubs.TASK_ID;
import static io.jenkins.plugins.runwayupscale.client.Stubs.TASK_PATH;
import static io.jenkins.plugins.runwayupscale.client.Stubs.bare;
import static io.jenkins.plugins.runwayupscale.client.Stubs.succeededBare;
import static io.jenkins.plugins.runwayupscale.client.Stubs.taskNotExist;
import static io.jenkins.plugins.runwayupscale.client.Stubs.tasks;
import static io.jenkins.plugins.runwayupscale.client.Stubs.wrapped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WaitForTaskTest {
    @RegisterExtension
    static WireMockExtension server = Stubs.server();

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    private final RecordingListener listener = new RecordingListener();

    private CompletableFuture<RunwayTask> waitForTask() throws InvalidInputException {
        return fixture.client(server.baseUrl()).waitForTask(TASK_ID, listener);
    }

    @Test
    void followsBareTaskThroughEveryRunningStatusToSuccess() throws Throwable {
        tasks(
                server,
                bare("PENDING", ""),
                bare("THROTTLED", ""),
                bare("RUNNING", "\"progress\":0.25"),
                bare("RUNNING", "\"progress\":0.5"),
                succeededBare());

        RunwayTask task = fixture.drive(waitForTask());

        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(task.outputs()).containsExactly(OUTPUT);
        assertThat(listener.events)
                .containsExactly(
                        "status PENDING",
                        "status THROTTLED",
                        "status RUNNING 25%",
                        "progress RUNNING 50%",
                        "status SUCCEEDED");
        server.verify(5, getRequestedFor(urlEqualTo(TASK_PATH)));
    }

    @Test
    void followsWrapperWithNestedRunwayTaskPreferringTheNestedOne() throws Throwable {
        tasks(
                server,
                wrapped("NOT_START", "0%", null, null, null),
                wrapped(
                        "IN_PROGRESS",
                        "40%",
                        null,
                        null,
                        "{\"id\":\"" + TASK_ID + "\",\"status\":\"RUNNING\",\"progress\":0.42}"),
                wrapped(
                        "SUCCESS",
                        "100%",
                        "https://wrong.example.com/x.mp4",
                        null,
                        "{\"id\":\"" + TASK_ID + "\",\"status\":\"SUCCEEDED\",\"output\":[\"" + OUTPUT + "\"]}"));

        RunwayTask task = fixture.drive(waitForTask());

        assertThat(task.outputs()).containsExactly(OUTPUT);
        assertThat(listener.events).containsExactly("status PENDING 0%", "status RUNNING 42%", "status SUCCEEDED");
    }

    @Test
    void followsWrapperWithoutNestedTaskUsingItsOwnFields() throws Throwable {
        tasks(
                server,
                wrapped("QUEUED", "0%", null, null, null),
                wrapped("IN_PROGRESS", "60%", null, null, null),
                wrapped("SUCCESS", "100%", OUTPUT, null, null));

        RunwayTask task = fixture.drive(waitForTask());

        assertThat(task.outputs()).containsExactly(OUTPUT);
        assertThat(listener.events).containsExactly("status PENDING 0%", "status RUNNING 60%", "status SUCCEEDED");
    }

    @Test
    void wrapperFailureCarriesFailReason() {
        tasks(
                server,
                wrapped("SUBMITTED", "0%", null, null, null),
                wrapped("FAILURE", "100%", null, "model upscale_v1 is retired", null));

        Throwable failure = fixture.failure(fixtureWait());

        assertThat(failure)
                .isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("model upscale_v1 is retired")
                .hasMessageContaining("magnific_video_upscaler_creative");
    }

    @Test
    void failedTaskReportsCodeTextAndModerationHint() throws Exception {
        tasks(
                server,
                bare("RUNNING", "\"progress\":0.1"),
                bare(
                        "FAILED",
                        "\"failure\":\"The input video did not pass moderation.\",\"failureCode\":\"SAFETY.INPUT.VIDEO\""));

        Throwable failure = fixture.failure(waitForTask());

        assertThat(failure)
                .isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("[SAFETY.INPUT.VIDEO]")
                .hasMessageContaining("did not pass moderation")
                .hasMessageContaining("do not retry it unchanged");
        assertThat(((TaskFailedException) failure).task().failureCode()).isEqualTo("SAFETY.INPUT.VIDEO");
    }

    @Test
    void failureHintsDifferByCode() {
        assertThat(FailureAdvice.hint("INTERNAL", null, "upscale_v1")).contains("transient");
        assertThat(FailureAdvice.hint("INPUT_PREPROCESSING.INTERNAL", null, "upscale_v1"))
                .contains("transient");
        assertThat(FailureAdvice.hint("INTERNAL.BAD_OUTPUT.CODE01", null, "upscale_v1"))
                .contains("rarely helps");
        assertThat(FailureAdvice.hint("ASSET.INVALID", null, "upscale_v1")).contains("input video is not usable");
        assertThat(FailureAdvice.hint("INPUT_PREPROCESSING.SAFETY.TEXT", null, "upscale_v1"))
                .contains("moderation");
        assertThat(FailureAdvice.hint(null, "Unknown model upscale_v1", "upscale_v1"))
                .contains("retired");
    }

    @Test
    void cancelledTaskEndsTheWait() throws Exception {
        tasks(server, bare("PENDING", ""), bare("CANCELLED", ""));

        assertThat(fixture.failure(waitForTask()))
                .isInstanceOf(TaskCancelledException.class)
                .hasMessageContaining(TASK_ID);
    }

    @Test
    void unknownStatusKeepsPollingAndIsReportedOnce() throws Throwable {
        tasks(server, bare("WARMING_UP", ""), bare("WARMING_UP", ""), bare("WARMING_UP", ""), succeededBare());

        RunwayTask task = fixture.drive(waitForTask());

        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(listener.events)
                .containsExactly("status WARMING_UP (unknown status)", "unknown WARMING_UP", "status SUCCEEDED");
        server.verify(4, getRequestedFor(urlEqualTo(TASK_PATH)));
    }

    @Test
    void throttledTaskWithoutEvidenceKeepsPollingAtTheSdkCadence() throws Throwable {
        tasks(
                server,
                bare("THROTTLED", ""),
                bare("THROTTLED", ""),
                bare("THROTTLED", ""),
                bare("THROTTLED", ""),
                bare("THROTTLED", ""),
                bare("THROTTLED", ""),
                succeededBare());

        fixture.drive(waitForTask());

        List<Duration> gaps = gaps(fixture.transport.sentAt);
        assertThat(gaps)
                .hasSize(6)
                .allSatisfy(g -> assertThat(g).isBetween(Duration.ofSeconds(5), Duration.ofMillis(7500)));
    }

    @Test
    void firstPollComesAtTheSdkCadenceWithoutEvidence() throws Throwable {
        tasks(server, succeededBare());

        fixture.drive(waitForTask());

        assertThat(fixture.transport.sentAt)
                .singleElement()
                .satisfies(at -> assertThat(at)
                        .isBetween(EngineFixture.START.plusMillis(5_900), EngineFixture.START.plusMillis(6_500)));
    }

    @Test
    void succeededWithoutHttpsOutputIsAnError() {
        tasks(server, bare("SUCCEEDED", "\"output\":[\"http://cdn.example.com/out.mp4\", \"ftp://x/y\"]"));

        assertThat(fixture.failure(fixtureWait()))
                .isInstanceOf(InvalidResponseException.class)
                .hasMessageContaining("no https output");
    }

    @Test
    void succeededWithNoOutputIsAnError() {
        tasks(server, bare("SUCCEEDED", ""));

        assertThat(fixture.failure(fixtureWait())).isInstanceOf(InvalidResponseException.class);
    }

    @Test
    void taskNotExistInsideGraceWindowMeansNotYet() throws Throwable {
        tasks(
                server,
                taskNotExist(),
                taskNotExist(),
                taskNotExist(),
                bare("RUNNING", "\"progress\":0.3"),
                succeededBare());

        RunwayTask task = fixture.drive(waitForTask());

        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(listener.events).startsWith("not yet visible");
        assertThat(listener.events).filteredOn(e -> e.equals("not yet visible")).hasSize(1);
    }

    @Test
    void taskNotExistAfterGraceWindowIsALostTask() {
        tasks(server, taskNotExist());

        Throwable failure = fixture.failure(fixtureWait());

        assertThat(failure)
                .isInstanceOf(TaskLostException.class)
                .hasMessageContaining("task_not_exist")
                .hasMessageContaining("still unknown");
        assertThat(fixture.elapsed())
                .isGreaterThanOrEqualTo(RunwaySettings.DEFAULT_TASK_NOT_EXIST_GRACE)
                .isLessThan(RunwaySettings.DEFAULT_TASK_NOT_EXIST_GRACE.plusMinutes(1));
    }

    @Test
    void taskNotExistAfterTheTaskWasSeenIsALostTask() {
        tasks(server, bare("RUNNING", "\"progress\":0.2"), taskNotExist());

        Throwable failure = fixture.failure(fixtureWait());

        assertThat(failure)
                .isInstanceOf(TaskLostException.class)
                .hasMessageContaining("after it had been seen as RUNNING 20%");
        server.verify(2, getRequestedFor(urlEqualTo(TASK_PATH)));
    }

    @Test
    void notFoundAfterItExistedIsALostTaskWithoutRetry() {
        tasks(server, bare("RUNNING", ""), Stubs.error(404, "not_found", "task not found"));

        assertThat(fixture.failure(fixtureWait()))
                .isInstanceOf(TaskLostException.class)
                .hasMessageContaining("HTTP 404");
        server.verify(2, getRequestedFor(urlEqualTo(TASK_PATH)));
    }

    @Test
    void timeoutCarriesLastStatusAndProgress() throws Exception {
        tasks(server, bare("RUNNING", "\"progress\":0.37"));
        RunwayClient client = fixture.client(withTimeout(Duration.ofMinutes(2)));

        Throwable failure = fixture.failure(client.waitForTask(TASK_ID, listener));

        assertThat(failure)
                .isInstanceOf(TaskTimedOutException.class)
                .hasMessageContaining("after 2m 0s")
                .hasMessageContaining("last status RUNNING 37%");
        assertThat(((TaskTimedOutException) failure).lastSeen().progress()).isEqualTo(0.37);
        assertThat(fixture.elapsed()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void cancellingTheWaitStopsPollingAtOnce() throws Throwable {
        tasks(server, bare("RUNNING", "\"progress\":0.1"));
        CompletableFuture<RunwayTask> wait = waitForTask();
        fixture.scheduler.runNext();
        await().until(() -> fixture.transport.inFlight() == 0);
        assertThat(fixture.scheduler.pending()).isEqualTo(1);

        wait.cancel(true);
        fixture.scheduler.advanceBy(Duration.ofMinutes(10));

        assertThat(fixture.scheduler.pending()).isZero();
        server.verify(1, getRequestedFor(urlEqualTo(TASK_PATH)));
    }

    @Test
    void resumedWaitKeepsOriginalDeadline() throws Exception {
        tasks(server, bare("RUNNING", ""));
        Instant submittedLongAgo = EngineFixture.START.minus(Duration.ofMinutes(59));

        Throwable failure = fixture.failure(fixture.client(server.baseUrl())
                .waitForTask(TASK_ID, submittedLongAgo, submittedLongAgo.plus(Duration.ofMinutes(60)), listener));

        assertThat(failure).isInstanceOf(TaskTimedOutException.class);
        assertThat(fixture.elapsed()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void listenerThatThrowsEndsTheWaitInsteadOfHangingIt() throws Exception {
        tasks(server, bare("RUNNING", "\"progress\":0.1"), succeededBare());
        WaitListener broken = new WaitListener() {
            @Override
            public void statusChanged(RunwayTask task) {
                throw new IllegalStateException("listener bug");
            }
        };

        Throwable failure = fixture.failure(fixture.client(server.baseUrl()).waitForTask(TASK_ID, broken));

        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("listener bug");
    }

    @Test
    void parsesProgressFromEveryForm() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        assertThat(TaskParser.progress(f.numberNode(0.42))).isEqualTo(0.42);
        assertThat(TaskParser.progress(f.textNode("42%"))).isEqualTo(0.42);
        assertThat(TaskParser.progress(f.textNode("0.5"))).isEqualTo(0.5);
        assertThat(TaskParser.progress(f.numberNode(75))).isEqualTo(0.75);
        assertThat(TaskParser.progress(f.textNode("150%"))).isEqualTo(1.0);
        assertThat(TaskParser.progress(f.textNode(""))).isNull();
        assertThat(TaskParser.progress(f.textNode("soon"))).isNull();
        assertThat(TaskParser.progress(f.nullNode())).isNull();
    }

    @Test
    void mapsEveryDocumentedStatus() {
        assertThat(List.of("PENDING", "NOT_START", "SUBMITTED", "QUEUED"))
                .allSatisfy(s -> assertThat(TaskStatus.parse(s)).isEqualTo(TaskStatus.PENDING));
        assertThat(TaskStatus.parse("THROTTLED")).isEqualTo(TaskStatus.THROTTLED);
        assertThat(TaskStatus.parse("RUNNING")).isEqualTo(TaskStatus.RUNNING);
        assertThat(TaskStatus.parse("IN_PROGRESS")).isEqualTo(TaskStatus.RUNNING);
        assertThat(TaskStatus.parse("SUCCEEDED")).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(TaskStatus.parse("SUCCESS")).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(TaskStatus.parse("FAILED")).isEqualTo(TaskStatus.FAILED);
        assertThat(TaskStatus.parse("FAILURE")).isEqualTo(TaskStatus.FAILED);
        assertThat(TaskStatus.parse("CANCELLED")).isEqualTo(TaskStatus.CANCELLED);
        assertThat(TaskStatus.parse("WARMING_UP")).isEqualTo(TaskStatus.UNKNOWN);
        assertThat(TaskStatus.parse(null)).isEqualTo(TaskStatus.UNKNOWN);
    }

    @Test
    void answerThatIsNoTaskIsAnInvalidResponse() {
        tasks(server, Stubs.json(200, "{\"hello\":\"world\"}"));

        assertThat(fixture.failure(fixtureWait()))
                .isInstanceOf(InvalidResponseException.class)
                .hasMessageContaining("not a task in either documented shape");
    }

    private CompletableFuture<RunwayTask> fixtureWait() {
        try {
            return waitForTask();
        } catch (InvalidInputException e) {
            throw new AssertionError(e);
        }
    }

    private static RunwaySettings withTimeout(Duration timeout) {
        try {
            return RunwaySettings.builder()
                    .baseUrl(server.baseUrl())
                    .waitTimeout(timeout)
                    .build();
        } catch (InvalidInputException e) {
            throw new AssertionError(e);
        }
    }

    static List<Duration> gaps(List<Instant> times) {
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(Duration.between(times.get(i - 1), times.get(i)));
        }
        return gaps;
    }

    static final class RecordingListener implements WaitListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void statusChanged(RunwayTask task) {
            events.add("status " + task.describeStatus());
        }

        @Override
        public void progressChanged(RunwayTask task) {
            events.add("progress " + task.describeStatus());
        }

        @Override
        public void unknownStatus(RunwayTask task) {
            events.add("unknown " + task.rawStatus());
        }

        @Override
        public void notYetVisible(String taskId) {
            events.add("not yet visible");
        }
    }
}
