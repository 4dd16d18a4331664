package io.jenkins.plugins.runwayupscale.client;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.jenkins.plugins.runwayupscale.client.EngineFixture.KEY;
import static io.jenkins.plugins.runwayupscale.client.Stubs.OUTPUT;
import static io.jenkins.plugins.runwayupscale.client.Stubs.SUBMIT_PATH;
import static io.jenkins.plugins.runwayupscale.client.Stubs.TASK_ID;
import static io.jenkins.plugins.runwayupscale.client.Stubs.VIDEO;
import static io.jenkins.plugins.runwayupscale.client.Stubs.json;
import static io.jenkins.plugins.runwayupscale.client.Stubs.submits;
import static io.jenkins.plugins.runwayupscale.client.Stubs.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A server that lies: other task ids, the key sent back escaped, control characters, endless failure text. */
class HostileAnswersTest {
    @RegisterExtension
    static WireMockExtension server = Stubs.server();

    private static final String ESCAPED_KEY = ServerTextTest.escape(KEY);
    private static final String HOSTILE_TEXT =
            "bad input\\nFinished: SUCCESS\\u001b]0;owned\\u0007\\u001b[31m\\u202Egnp.exe\\u2028\\u0085";

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    private RunwayClient client() {
        return fixture.client(server.baseUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../x/evil", "/tmp/x/evil", "..", ".hidden", "a b", "x\\u001b[2J", "é"})
    void submissionNamingAnUnusableTaskIdIsAnInvalidResponseAndNotResubmitted(String id) throws Throwable {
        submits(server, json(200, "{\"id\":\"" + id + "\"}"));

        Throwable failure = fixture.failure(client().submit(VIDEO));

        assertThat(failure)
                .isInstanceOf(InvalidResponseException.class)
                .hasMessageContaining("no usable task id")
                .hasMessageContaining("may have been created")
                .hasMessageContaining("not resubmitted");
        assertSafe(failure.getMessage());
        server.verify(1, postRequestedFor(urlEqualTo(SUBMIT_PATH)));
    }

    @Test
    void submissionWithAnOverlongTaskIdIsRefused() throws Throwable {
        submits(server, json(200, "{\"id\":\"" + "a".repeat(129) + "\"}"));

        assertThat(fixture.failure(client().submit(VIDEO)))
                .isInstanceOf(InvalidResponseException.class)
                .hasMessageContaining("at most 128 characters");
    }

    @Test
    void readNamingAnotherTaskIsAnInvalidResponse() throws Throwable {
        tasks(
                server,
                json(200, "{\"id\":\"../../../x/evil\",\"status\":\"SUCCEEDED\",\"output\":[\"" + OUTPUT + "\"]}"));

        Throwable failure = fixture.failure(client().waitForTask(TASK_ID, WaitListener.NONE));

        assertThat(failure)
                .isInstanceOf(InvalidResponseException.class)
                .hasMessageContaining("another task ('../../../x/evil')")
                .hasMessageContaining(TASK_ID);
    }

    @Test
    void wrapperNamingAnotherTaskIsAnInvalidResponse() throws Throwable {
        tasks(
                server,
                json(
                        200,
                        "{\"code\":\"success\",\"data\":{\"task_id\":\"other\",\"status\":\"SUCCESS\","
                                + "\"result_url\":\"" + OUTPUT + "\"}}"));

        assertThat(fixture.failure(client().readTask(TASK_ID)))
                .isInstanceOf(InvalidResponseException.class)
                .hasMessageContaining("another task ('other')");
    }

    @Test
    void nestedRunwayIdMayDifferFromCometApisTaskId() throws Throwable {
        tasks(
                server,
                json(
                        200,
                        "{\"code\":\"success\",\"data\":{\"task_id\":\"" + TASK_ID + "\",\"status\":\"SUCCESS\","
                                + "\"data\":{\"id\":\"runway-own-id\",\"status\":\"SUCCEEDED\",\"output\":[\"" + OUTPUT
                                + "\"]}}}"));

        assertThat(fixture.drive(client().readTask(TASK_ID)).id()).isEqualTo(TASK_ID);
    }

    @Test
    void escapedKeyIsRedactedInEveryFieldOfATask() throws Throwable {
        tasks(
                server,
                json(
                        200,
                        "{\"id\":\"" + TASK_ID + "\",\"status\":\"FAILED\",\"failureCode\":\"X." + ESCAPED_KEY
                                + "\",\"failure\":\"echo " + ESCAPED_KEY + "\",\"createdAt\":\"" + ESCAPED_KEY
                                + "\",\"output\":[\"https://cdn.example.com/" + ESCAPED_KEY + "\"]}"));

        RunwayTask task = fixture.drive(client().readTask(TASK_ID));
        Throwable failure = fixture.failure(client().waitForTask(TASK_ID, WaitListener.NONE));

        assertThat(List.of(
                        task.failure(),
                        task.failureCode(),
                        task.createdAt(),
                        task.outputs().get(0)))
                .allSatisfy(v -> assertThat(v).doesNotContain(KEY).contains("****"));
        SecretHandlingTest.assertKeyAbsent(failure);
        assertThat(failure).hasMessageContaining("echo ****");
    }

    @Test
    void escapedKeyIsRedactedInStatusesAndErrorBodies() throws Throwable {
        tasks(server, json(200, "{\"id\":\"" + TASK_ID + "\",\"status\":\"" + ESCAPED_KEY + "\"}"));
        submits(
                server,
                json(400, "{\"error\":{\"message\":\"bad " + ESCAPED_KEY + "\",\"code\":\"" + ESCAPED_KEY + "\"}}"));

        Throwable rejected = fixture.failure(client().submit(VIDEO));
        RunwayTask unknown = fixture.drive(client().readTask(TASK_ID));

        SecretHandlingTest.assertKeyAbsent(rejected);
        assertThat(rejected).hasMessageContaining("bad ****");
        assertThat(unknown.rawStatus()).isEqualTo("****");
    }

    @Test
    void escapedKeyInAnUnreadableAnswerIsRedactedInTheExcerpt() throws Throwable {
        submits(server, json(200, "{\"task\":\"" + ESCAPED_KEY + "\""));
        tasks(server, json(200, "{\"nothing\":\"" + ESCAPED_KEY + "\"}"));

        Throwable submit = fixture.failure(client().submit(VIDEO));
        Throwable read = fixture.failure(client().readTask(TASK_ID));

        assertThat(List.of(submit, read)).allSatisfy(SecretHandlingTest::assertKeyAbsent);
        assertThat(read).hasMessageContaining("****");
    }

    @Test
    void controlCharactersNeverReachAMessageOrATask() throws Throwable {
        tasks(
                server,
                json(
                        200,
                        "{\"id\":\"" + TASK_ID + "\",\"status\":\"FAILED\",\"failureCode\":\"" + HOSTILE_TEXT
                                + "\",\"failure\":\"" + HOSTILE_TEXT + "\"}"));
        submits(server, json(500, "{\"error\":{\"message\":\"" + HOSTILE_TEXT + "\"}}"));

        RunwayTask task = fixture.drive(client().readTask(TASK_ID));
        Throwable failed = fixture.failure(client().waitForTask(TASK_ID, WaitListener.NONE));
        Throwable rejected = fixture.failure(client().submit(VIDEO));

        assertThat(task.failure()).isEqualTo("bad input Finished: SUCCESS ]0;owned [31m gnp.exe");
        assertSafe(task.failureCode());
        assertSafe(failed.getMessage());
        assertSafe(rejected.getMessage());
        assertThat(rejected).hasMessageContaining("bad input Finished: SUCCESS");
    }

    @Test
    void failureTextIsCutShort() throws Throwable {
        tasks(
                server,
                json(
                        200,
                        "{\"id\":\"" + TASK_ID + "\",\"status\":\"FAILED\",\"failure\":\"" + "x".repeat(100_000)
                                + "\"}"));

        RunwayTask task = fixture.drive(client().readTask(TASK_ID));
        Throwable failure = fixture.failure(client().waitForTask(TASK_ID, WaitListener.NONE));

        assertThat(task.failure()).hasSize(ServerText.FAILURE_LIMIT).endsWith("...");
        assertThat(failure.getMessage().length()).isLessThan(2 * ServerText.FAILURE_LIMIT);
    }

    static void assertSafe(String text) {
        assertThat(text).isNotNull();
        text.codePoints()
                .forEach(c -> assertThat(ServerText.isUnsafe(c))
                        .as("U+%04X in %s", c, text)
                        .isFalse());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://cdn.example.com/a.mp4?x=$(id)",
                "https://cdn.example.com/a`id`.mp4",
                "https://cdn.example.com/a'b.mp4",
                "https://cdn.example.com/a\\\"b.mp4",
                "https://cdn.example.com/a b.mp4",
                "https://cdn.example.com/a\\tb.mp4",
                "https://cdn.example.com/a\\\\b.mp4"
            })
    void anOutputUrlHoldingShellCharactersIsAnInvalidResponseAndNothingIsUsed(String url) throws Exception {
        tasks(
                server,
                json(
                        200,
                        "{\"id\":\"" + TASK_ID + "\",\"status\":\"SUCCEEDED\",\"output\":[\"" + OUTPUT + "\",\"" + url
                                + "\"]}"));

        Throwable failure = fixture.failure(client().waitForTask(TASK_ID, WaitListener.NONE));

        assertThat(failure)
                .isInstanceOf(InvalidResponseException.class)
                .hasMessageStartingWith("Runway task " + TASK_ID + " has an output URL (number 2) holding ")
                .hasMessageContaining("which a shell would act on; nothing of it was used.");
    }

    @Test
    void aTaskNamingMoreThanSixteenOutputsIsAnInvalidResponse() throws Exception {
        String outputs = String.join(",", java.util.Collections.nCopies(17, "\"" + OUTPUT + "\""));
        tasks(server, json(200, "{\"id\":\"" + TASK_ID + "\",\"status\":\"SUCCEEDED\",\"output\":[" + outputs + "]}"));

        assertThat(fixture.failure(client().waitForTask(TASK_ID, WaitListener.NONE)))
                .isInstanceOf(InvalidResponseException.class)
                .hasMessageContaining("Runway task " + TASK_ID + " names 17 outputs, more than the 16 accepted");
    }
}
