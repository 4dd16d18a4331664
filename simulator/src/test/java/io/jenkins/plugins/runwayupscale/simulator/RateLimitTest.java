package io.jenkins.plugins.runwayupscale.simulator;

import static io.jenkins.plugins.runwayupscale.simulator.Api.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00.250Z");
    private final MutableClock clock = new MutableClock(START);
    private final RunwaySimulator simulator = RunwaySimulator.builder()
            .apiKey(KEY)
            .clock(clock)
            .rateLimit(3)
            .build()
            .start();
    private final Api api = new Api(simulator);

    @AfterEach
    void stop() {
        simulator.close();
    }

    private HttpResponse<String> read(String key) throws Exception {
        return api.send(api.request(RunwaySimulator.TASKS_PATH + "no-such-task")
                .header("Authorization", "Bearer " + key)
                .header("X-Runway-Version", Api.VERSION));
    }

    @Test
    void beyondTheLimitEachSecondAKeyGets429WithRetryAfterUntilTheSecondEnds() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(read(KEY).statusCode()).isNotEqualTo(429);
        }
        HttpResponse<String> refused = read(KEY);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.headers().firstValue("retry-after-ms")).hasValue("750");
        assertThat(Api.JSON.readTree(refused.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");

        clock.advance(Duration.ofMillis(750));
        assertThat(read(KEY).statusCode()).isNotEqualTo(429);
    }

    @Test
    void eachKeyHasItsOwnLimit() throws Exception {
        for (int i = 0; i < 4; i++) {
            read(KEY);
        }
        assertThat(read("another-key").statusCode()).isEqualTo(401);
    }

    @Test
    void statsCountRefusalsAndRequestsPerSecond() throws Exception {
        for (int i = 0; i < 5; i++) {
            read(KEY);
        }
        clock.advance(Duration.ofSeconds(2));
        read(KEY);

        JsonNode stats = Api.JSON.readTree(
                api.send(api.request(RunwaySimulator.STATS_PATH)).body());
        assertThat(stats.get("rateLimited").asLong()).isEqualTo(2);
        assertThat(stats.get("requestsPerSecond").toString()).isEqualTo("[5,0,1]");
        assertThat(stats.get("refusedPerSecond").toString()).isEqualTo("[2,0,0]");
    }

    @Test
    void withoutALimitNothingIsRefusedAndStatsSayNothingOfIt() throws Exception {
        try (RunwaySimulator free =
                RunwaySimulator.builder().apiKey(KEY).build().start()) {
            Api freeApi = new Api(free);
            for (int i = 0; i < 20; i++) {
                assertThat(freeApi.send(freeApi.request(RunwaySimulator.TASKS_PATH + "x")
                                        .header("Authorization", "Bearer " + KEY))
                                .statusCode())
                        .isNotEqualTo(429);
            }
            assertThat(freeApi.send(freeApi.request(RunwaySimulator.STATS_PATH)).body())
                    .doesNotContain("rateLimited");
        }
    }
}
