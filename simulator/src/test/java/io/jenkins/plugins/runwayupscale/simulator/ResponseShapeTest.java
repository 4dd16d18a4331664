package io.jenkins.plugins.runwayupscale.simulator;

import static io.jenkins.plugins.runwayupscale.simulator.Api.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ResponseShapeTest {
    private static final TaskScenario LIFE =
            TaskScenario.standard().withTimes(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(100));

    @RegisterExtension
    final Api api = Api.withClock(b -> b.shape(ResponseShape.WRAPPED).defaultScenario(LIFE));

    @Test
    void wrappedShapeMapsEveryStatusAndNestsTheRunwayTask() throws Exception {
        String id = api.submit("https://a.example.com/v.mp4");

        JsonNode pending = api.task(id);
        JsonNode throttled = api.taskAfter(id, Duration.ofSeconds(15));
        JsonNode running = api.taskAfter(id, Duration.ofSeconds(55));
        JsonNode done = api.taskAfter(id, Duration.ofSeconds(60));

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
        assertThat(done.at("/data/result_url").asText())
                .isEqualTo(api.simulator().baseUrl() + "/outputs/" + id + ".mp4");
        assertThat(done.at("/data/data/output/0").asText())
                .isEqualTo(done.at("/data/result_url").asText());
    }

    @Test
    void wrapperTimesAreZeroUntilTheyHappen() throws Exception {
        String id = api.submit("https://a.example.com/v.mp4");
        long submitted = START.getEpochSecond();

        JsonNode pending = api.task(id);
        JsonNode running = api.taskAfter(id, Duration.ofSeconds(70));
        JsonNode done = api.taskAfter(id, Duration.ofSeconds(60));

        assertThat(pending.at("/data/submit_time").asLong()).isEqualTo(submitted);
        assertThat(pending.at("/data/start_time").asLong()).isZero();
        assertThat(pending.at("/data/finish_time").asLong()).isZero();
        assertThat(running.at("/data/start_time").asLong()).isEqualTo(submitted + 20);
        assertThat(running.at("/data/finish_time").asLong()).isZero();
        assertThat(done.at("/data/finish_time").asLong()).isEqualTo(submitted + 120);
    }

    @Test
    void wrappedFailureCarriesTheReasonInBothPlaces() throws Exception {
        String id = api.submit("bad", TaskScenario.standard().failing("INTERNAL", "upstream broke"));
        JsonNode t = api.taskAfter(id, Duration.ofMinutes(2));

        assertThat(t.at("/data/status").asText()).isEqualTo("FAILURE");
        assertThat(t.at("/data/fail_reason").asText()).isEqualTo("upstream broke");
        assertThat(t.at("/data/data/failureCode").asText()).isEqualTo("INTERNAL");
    }

    @Test
    void wrapperWithoutTaskLeavesOnlyTheWrapperFields() throws Exception {
        String id = api.submit("only", LIFE.inShape(ResponseShape.WRAPPED_WITHOUT_TASK));
        JsonNode running = api.taskAfter(id, Duration.ofSeconds(70));
        JsonNode done = api.taskAfter(id, Duration.ofMinutes(1));

        assertThat(running.at("/data/progress").asText()).isEqualTo("50%");
        assertThat(running.at("/data").has("data")).isFalse();
        assertThat(done.at("/data/status").asText()).isEqualTo("SUCCESS");
        assertThat(done.at("/data/result_url").asText()).endsWith("/outputs/" + id + ".mp4");
    }

    @Test
    void aScenarioShapeOverridesTheSimulatorsShape() throws Exception {
        String bare = api.submit("bare", TaskScenario.standard().inShape(ResponseShape.BARE));
        String wrapped = api.submit("https://a.example.com/wrapped.mp4");

        assertThat(api.task(bare).get("status").asText()).isEqualTo("PENDING");
        assertThat(api.task(bare).has("data")).isFalse();
        assertThat(api.task(wrapped).at("/data/status").asText()).isEqualTo("NOT_START");
    }
}
