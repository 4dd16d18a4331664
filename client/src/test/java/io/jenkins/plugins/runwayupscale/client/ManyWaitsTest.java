package io.jenkins.plugins.runwayupscale.client;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Waiting holds no thread: the engine's thread count is the same for ten waits in flight as for a thousand. */
class ManyWaitsTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(64))
            .build();

    /** Requests may go as fast as the test sends them: the per-key budget is not what this test is about. */
    @RegisterExtension
    final EngineFixture fixture = new EngineFixture(
            EngineConfig.builder().maxRequestsPerSecond(10_000).build(), new ProgressAwarePollingPolicy());

    @Test
    void engineThreadsDoNotGrowWithTheNumberOfWaits() throws Exception {
        // No "id" in the body: each task takes the id it was read by.
        server.stubFor(get(urlPathMatching("/runwayml/v1/tasks/.+"))
                .willReturn(Stubs.json(200, "{\"status\":\"SUCCEEDED\",\"output\":[\"" + Stubs.OUTPUT + "\"]}")
                        .withFixedDelay(300)));
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> engineThreads() <= EngineConfig.builder().build().ioThreads() + 1);

        int withTen = threadsWhileInFlight(10);
        int withThousand = threadsWhileInFlight(1000);

        assertThat(withThousand).isEqualTo(withTen).isLessThanOrEqualTo(4);
    }

    private int threadsWhileInFlight(int n) throws Exception {
        RunwayClient client = fixture.client(server.baseUrl());
        List<CompletableFuture<RunwayTask>> waits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            waits.add(client.waitForTask("task-" + n + "-" + i, WaitListener.NONE));
        }
        fixture.scheduler.advanceBy(ProgressAwarePollingPolicy.DENSE
                .plus(ProgressAwarePollingPolicy.JITTER)
                .plusSeconds(1));
        int inFlight = fixture.transport.inFlight();
        int threads = engineThreads();

        CompletableFuture.allOf(waits.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);

        assertThat(inFlight).as("reads in flight at once").isGreaterThan(n / 2);
        assertThat(waits).allSatisfy(w -> assertThat(w.join().status()).isEqualTo(TaskStatus.SUCCEEDED));
        return threads;
    }

    private static int engineThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("runway-upscale-"))
                .count();
    }
}
