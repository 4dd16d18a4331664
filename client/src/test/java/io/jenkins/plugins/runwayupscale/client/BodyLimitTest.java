package io.jenkins.plugins.runwayupscale.client;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.jenkins.plugins.runwayupscale.client.Stubs.SUBMIT_PATH;
import static io.jenkins.plugins.runwayupscale.client.Stubs.TASK_ID;
import static io.jenkins.plugins.runwayupscale.client.Stubs.TASK_PATH;
import static io.jenkins.plugins.runwayupscale.client.Stubs.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bodies that are not downloads are capped at 1 MiB, and an engine whose network died says so and is replaced. */
class BodyLimitTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String HUGE = "{\"error\":{\"message\":\"" + "x".repeat(5_000_000) + "\"}}";

    private final EngineFixture fixture = new EngineFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aHugeErrorBodyIsRefusedAndNotRetried() throws Throwable {
        Stubs.tasks(server, Stubs.json(500, HUGE), Stubs.bare("RUNNING", "\"progress\":0.5"));
        RunwayClient client = fixture.client(server.baseUrl());

        Throwable failure = fixture.failure(client.readTask(TASK_ID));

        assertThat(failure)
                .isInstanceOf(InvalidResponseException.class)
                .hasMessageContaining("was refused")
                .hasMessageContaining(Integer.toString(ApacheHttpTransport.BODY_LIMIT));
        server.verify(1, getRequestedFor(urlEqualTo(TASK_PATH)));
        assertThat(fixture.drive(client.readTask(TASK_ID)).status())
                .as("the engine keeps serving")
                .isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void aHugeChunkedAnswerToASubmissionIsCutAtTheLimit() throws Exception {
        Stubs.submits(server, Stubs.json(200, HUGE).withChunkedDribbleDelay(20, 200));

        Throwable failure = fixture.failure(fixture.client(server.baseUrl()).submit(VIDEO));

        assertThat(failure)
                .isInstanceOf(InvalidResponseException.class)
                .hasMessageContaining("longer than " + ApacheHttpTransport.BODY_LIMIT + " bytes")
                .hasMessageContaining("may have been created");
        server.verify(1, postRequestedFor(urlEqualTo(SUBMIT_PATH)));
    }

    @Test
    void aWaitInFlightWhenTheNetworkStopsEndsWithAClearErrorAndTheEngineSaysItIsDone() throws Exception {
        Stubs.tasks(server, Stubs.bare("RUNNING", "\"progress\":0.5").withFixedDelay(60_000));
        VirtualScheduler clock = new VirtualScheduler(EngineFixture.START);
        try (RunwayEngine engine = RunwayEngine.builder().scheduler(clock).build()) {
            RunwayClient client = engine.client(EngineFixture.settings(server.baseUrl()), ApiKey.of(EngineFixture.KEY));
            Instant deadline = EngineFixture.START.plus(Duration.ofHours(1));
            CompletableFuture<RunwayTask> waiting = client.waitForTask(TASK_ID, EngineFixture.START, deadline, null);
            ApacheHttpTransport network = (ApacheHttpTransport) engine.transport();
            // Virtual time moves a second at a time until the first read is under way.
            await().atMost(20, TimeUnit.SECONDS).until(() -> {
                if (network.leasedConnections() == 1) {
                    return true;
                }
                clock.advanceBy(Duration.ofSeconds(1));
                return false;
            });
            assertThat(engine.isActive()).isTrue();

            network.close();
            for (int i = 0; i < 500 && !waiting.isDone(); i++) {
                clock.advanceBy(RunwayEngine.WATCH_INTERVAL);
            }

            assertThat(engine.isActive()).isFalse();
            await().atMost(5, TimeUnit.SECONDS).until(waiting::isDone);
            assertThat(waiting)
                    .failsWithin(Duration.ZERO)
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .havingCause()
                    .isInstanceOf(TransportException.class)
                    .withMessageContaining("reading task " + TASK_ID)
                    .withMessageContaining("network thread has stopped");
        }
    }
}
