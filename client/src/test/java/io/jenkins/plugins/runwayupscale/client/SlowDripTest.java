package io.jenkins.plugins.runwayupscale.client;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.jenkins.plugins.runwayupscale.client.EngineFixture.START;
import static io.jenkins.plugins.runwayupscale.client.Stubs.SUBMIT_PATH;
import static io.jenkins.plugins.runwayupscale.client.Stubs.TASK_ID;
import static io.jenkins.plugins.runwayupscale.client.Stubs.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server that answers one byte at a time never holds a call past its deadline: the exchange is cancelled when
 * (virtual) time reaches it, however slowly the bytes come.
 */
class SlowDripTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final EngineFixture fixture = new EngineFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    /** A valid answer whose bytes take ten minutes of real time to arrive. */
    private static ResponseDefinitionBuilder dripping(ResponseDefinitionBuilder answer) {
        return answer.withChunkedDribbleDelay(100, 600_000);
    }

    @Test
    void aDrippingReadEndsTheWaitAtItsDeadlineWithATimeout() throws Exception {
        Stubs.tasks(server, dripping(Stubs.bare("RUNNING", "\"progress\":0.5")));
        Instant deadline = START.plus(Duration.ofSeconds(30));
        CompletableFuture<RunwayTask> waiting =
                fixture.client(server.baseUrl()).waitForTask(TASK_ID, START, deadline, WaitListener.NONE);
        fixture.scheduler.runNext();
        await().atMost(10, TimeUnit.SECONDS).until(() -> fixture.transport.inFlight() == 1);
        await().atMost(10, TimeUnit.SECONDS).until(() -> fixture.apache.leasedConnections() == 1);

        fixture.scheduler.advanceTo(deadline);

        await().atMost(5, TimeUnit.SECONDS).until(waiting::isDone);
        assertThat(fixture.failure(waiting))
                .isInstanceOf(TaskTimedOutException.class)
                .hasMessageContaining("Gave up waiting for Runway task " + TASK_ID + " after 30s");
        await().atMost(5, TimeUnit.SECONDS).until(() -> fixture.transport.inFlight() == 0);
        await().atMost(30, TimeUnit.SECONDS).until(() -> fixture.apache.leasedConnections() == 0);
    }

    @Test
    void aDrippingSubmissionEndsAtItsDeadlineSayingTheTaskMayExist() throws Exception {
        Stubs.submits(server, dripping(Stubs.created()));
        Instant deadline = START.plus(Duration.ofSeconds(10));
        CompletableFuture<String> submitting = fixture.client(server.baseUrl()).submit(VIDEO, deadline);
        await().atMost(10, TimeUnit.SECONDS).until(() -> fixture.transport.inFlight() == 1);
        await().atMost(10, TimeUnit.SECONDS).until(() -> fixture.apache.leasedConnections() == 1);

        fixture.scheduler.advanceTo(deadline);

        await().atMost(5, TimeUnit.SECONDS).until(submitting::isDone);
        assertThat(fixture.failure(submitting))
                .isInstanceOf(TaskTimedOutException.class)
                .hasMessageContaining("after 10s while submitting")
                .hasMessageContaining("may have been created")
                .hasMessageContaining("not resubmitted");
        server.verify(1, postRequestedFor(urlEqualTo(SUBMIT_PATH)));
        await().atMost(30, TimeUnit.SECONDS).until(() -> fixture.apache.leasedConnections() == 0);
    }

    @Test
    void theLastLookAtTheDeadlineStillGetsAMomentToAnswer() throws Throwable {
        Stubs.tasks(server, Stubs.succeededBare());
        Instant deadline = START.plus(Duration.ofSeconds(1));

        RunwayTask done = fixture.drive(
                fixture.client(server.baseUrl()).waitForTask(TASK_ID, START, deadline, WaitListener.NONE));

        assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(fixture.elapsed()).isEqualTo(Duration.ofSeconds(1));
    }
}
