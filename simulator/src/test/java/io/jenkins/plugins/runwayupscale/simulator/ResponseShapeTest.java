package io.jenkins.plugins.runwayupscale.simulator;

import static io.jenkins.plugins.runwayupscale.simulator.Api.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponseShapeTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(START);
    private static final TaskScenario LIFE =
            TaskScenario.standard().withTimes(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(100));
    private final RunwaySimulator simulator = RunwaySimulator.builder()
            .apiKey(KEY)
            .clock(clock)
            .shape(ResponseShape.WRAPPED)
            .defaultScenario(LIFE)
            .build()
            .start();
    private final Api api = new Api(simulator);

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void wrappedShapeMapsEveryStatusAndNestsTheRunwayTask() throws Exception {
        String id = api.submit("https://a.example.com/v.mp4");

        JsonNode pending = api.task(id);
        clock.advance(Duration.ofSeconds(15));
        JsonNode throttled = api.task(id);
        clock.advance(Duration.ofSeconds(55));
        JsonNode running = api.task(id);
        clock.advance(Duration.ofSeconds(60));
        JsonNode done = api.task(id);

        assertThat(pending.get("code").asText()).isEqualTo("success");
        assertThat(pending.get("message").asText()).isEmpty();
        assertThat(pending.at("/data/task_id").asText()).isEqualTo(id);
        assertThat(pending.at("/data/action").asText()).isNotEmpty();
        assertThat(pending.at("/data/status").asText()).isEqualTo("NOT_START");
        assertThat(pending.at("/data/progress").asText()).isEqualTo("0%");
        assertThat(pending.at("/data/data/status").asText()).isEqualTo("PENDING");
        assertThat(throttled.at("/data/status").asText()).isEqualTo("QUEUED");
        assertThat(throttled.at("/data/data/status").asText()).isEqualTo("THROTTLED");
        assertThat(running.at("/data/status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(running.at("/data/progress").asText()).isEqualTo("50%");
        assertThat(running.at("/data/data/progress").asDouble()).isEqualTo(0.5);
        assertThat(running.at("/data").has("result_url")).isFalse();
        assertThat(done.at("/data/status").asText()).isEqualTo("SUCCESS");
        assertThat(done.at("/data/progress").asText()).isEqualTo("100%");
        assertThat(done.at("/data/result_url").asText()).isEqualTo(simulator.baseUrl() + "/outputs/" + id + ".mp4");
        assertThat(done.at("/data/data/output/0").asText())
                .isEqualTo(done.at("/data/result_url").asText());
    }

    @Test
    void wrapperTimesAreZeroUntilTheyHappen() throws Exception {
        String id = api.submit("https://a.example.com/v.mp4");
        long submitted = START.getEpochSecond();

        JsonNode pending = api.task(id);
        clock.advance(Duration.ofSeconds(70));
        JsonNode running = api.task(id);
        clock.advance(Duration.ofSeconds(60));
        JsonNode done = api.task(id);

        assertThat(pending.at("/data/submit_time").asLong()).isEqualTo(submitted);
        assertThat(pending.at("/data/start_time").asLong()).isZero();
        assertThat(pending.at("/data/finish_time").asLong()).isZero();
        assertThat(running.at("/data/start_time").asLong()).isEqualTo(submitted + 20);
        assertThat(running.at("/data/finish_time").asLong()).isZero();
        assertThat(done.at("/data/finish_time").asLong()).isEqualTo(submitted + 120);
    }

    @Test
    void wrappedFailureCarriesTheReasonInBothPlaces() throws Exception {
        simulator.scenarioFor("bad", TaskScenario.standard().failing("INTERNAL", "upstream broke"));
        String id = api.submit("https://a.example.com/bad.mp4");
        clock.advance(Duration.ofMinutes(2));

        JsonNode t = api.task(id);

        assertThat(t.at("/data/status").asText()).isEqualTo("FAILURE");
        assertThat(t.at("/data/fail_reason").asText()).isEqualTo("upstream broke");
        assertThat(t.at("/data/data/failureCode").asText()).isEqualTo("INTERNAL");
    }

    @Test
    void wrapperWithoutTaskLeavesOnlyTheWrapperFields() throws Exception {
        simulator.scenarioFor("only", LIFE.inShape(ResponseShape.WRAPPED_WITHOUT_TASK));
        String id = api.submit("https://a.example.com/only.mp4");
        clock.advance(Duration.ofSeconds(70));
        JsonNode running = api.task(id);
        clock.advance(Duration.ofMinutes(1));

        JsonNode done = api.task(id);

        assertThat(running.at("/data/progress").asText()).isEqualTo("50%");
        assertThat(running.at("/data").has("data")).isFalse();
        assertThat(done.at("/data/status").asText()).isEqualTo("SUCCESS");
        assertThat(done.at("/data/result_url").asText()).endsWith("/outputs/" + id + ".mp4");
    }

    @Test
    void aScenarioShapeOverridesTheSimulatorsShape() throws Exception {
        simulator.scenarioFor("bare", TaskScenario.standard().inShape(ResponseShape.BARE));
        String bare = api.submit("https://a.example.com/bare.mp4");
        String wrapped = api.submit("https://a.example.com/wrapped.mp4");

        assertThat(api.task(bare).get("status").asText()).isEqualTo("PENDING");
        assertThat(api.task(bare).has("data")).isFalse();
        assertThat(api.task(wrapped).at("/data/status").asText()).isEqualTo("NOT_START");
    }
}
