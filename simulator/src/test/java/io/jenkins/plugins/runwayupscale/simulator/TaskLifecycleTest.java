package io.jenkins.plugins.runwayupscale.simulator;

import static io.jenkins.plugins.runwayupscale.simulator.Api.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskLifecycleTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(START);
    private RunwaySimulator simulator =
            RunwaySimulator.builder().apiKey(KEY).clock(clock).build().start();
    private Api api = new Api(simulator);

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void livesThroughPendingThrottledRunningToSucceeded() throws Exception {
        simulator.scenarioFor(
                "throttle",
                TaskScenario.standard()
                        .withTimes(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(100)));
        String id = api.submit("https://a.example.com/throttle.mp4");

        JsonNode pending = api.task(id);
        assertThat(pending.get("status").asText()).isEqualTo("PENDING");
        assertThat(pending.get("id").asText()).isEqualTo(id);
        assertThat(pending.get("createdAt").asText()).isEqualTo(START.toString());
        assertThat(pending.has("progress")).isFalse();
        assertThat(pending.has("output")).isFalse();
        clock.advance(Duration.ofSeconds(15));
        assertThat(api.status(id)).isEqualTo("THROTTLED");
        clock.advance(Duration.ofSeconds(65));
        JsonNode running = api.task(id);
        assertThat(running.get("status").asText()).isEqualTo("RUNNING");
        assertThat(running.get("progress").asDouble()).isEqualTo(0.5);
        clock.advance(Duration.ofSeconds(50));
        JsonNode done = api.task(id);
        assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("output")).hasSize(1);
        assertThat(done.get("output").get(0).asText()).isEqualTo(simulator.baseUrl() + "/outputs/" + id + ".mp4");
        assertThat(done.has("failureCode")).isFalse();
    }

    @Test
    void timeScaleShortensTheLife() throws Exception {
        simulator.close();
        simulator = RunwaySimulator.builder()
                .apiKey(KEY)
                .clock(clock)
                .timeScale(0.01)
                .build()
                .start();
        api = new Api(simulator);
        String id = api.submit("https://a.example.com/v.mp4");

        clock.advance(Duration.ofMillis(640));
        assertThat(api.status(id)).as("64.0 s of a 65 s life").isEqualTo("RUNNING");
        clock.advance(Duration.ofMillis(20));
        assertThat(api.status(id)).isEqualTo("SUCCEEDED");
    }

    @Test
    void smoothProgressRisesAsAFloat() throws Exception {
        String id = api.submit("https://a.example.com/v.mp4");

        clock.advance(Duration.ofSeconds(5 + 15));
        double quarter = api.task(id).get("progress").asDouble();
        clock.advance(Duration.ofSeconds(21));

        assertThat(quarter).isEqualTo(0.25);
        assertThat(api.task(id).get("progress").asDouble()).isEqualTo(0.6);
    }

    @Test
    void stepwiseProgressJumpsByQuarters() throws Exception {
        simulator.scenarioFor("step", TaskScenario.standard().withProgress(ProgressStyle.STEPWISE));
        String id = api.submit("https://a.example.com/step.mp4");

        clock.advance(Duration.ofSeconds(5 + 14));
        double below = api.task(id).get("progress").asDouble();
        clock.advance(Duration.ofSeconds(20));

        assertThat(below).isEqualTo(0.0);
        assertThat(api.task(id).get("progress").asDouble()).isEqualTo(0.5);
    }

    @Test
    void absentProgressHasNoFieldAtAll() throws Exception {
        simulator.scenarioFor("none", TaskScenario.standard().withProgress(ProgressStyle.ABSENT));
        String id = api.submit("https://a.example.com/none.mp4");

        clock.advance(Duration.ofSeconds(5 + 40));
        JsonNode running = api.task(id);
        clock.advance(Duration.ofMinutes(1));
        JsonNode done = api.task(id);

        assertThat(running.get("status").asText()).isEqualTo("RUNNING");
        assertThat(running.has("progress")).isFalse();
        assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.has("progress")).isFalse();
    }

    @Test
    void noisyProgressStraysFromTheEvenRateButNeverGoesBack() throws Exception {
        simulator.scenarioFor("noisy", TaskScenario.standard().withProgressNoise(1));
        String id = api.submit("https://a.example.com/noisy.mp4");
        clock.advance(Duration.ofSeconds(5));

        double previous = -1;
        double largestStray = 0;
        for (int second = 0; second < 60; second++) {
            double progress = api.task(id).get("progress").asDouble();
            assertThat(progress).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
            largestStray = Math.max(largestStray, Math.abs(progress - second / 60.0));
            previous = progress;
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(largestStray).isGreaterThan(0.02);
        assertThat(api.status(id)).isEqualTo("SUCCEEDED");
    }

    @Test
    void failedTaskCarriesCodeAndText() throws Exception {
        simulator.scenarioFor("bad", TaskScenario.standard().failing("SAFETY.INPUT.VIDEO", "moderated"));
        String id = api.submit("https://a.example.com/bad.mp4");

        clock.advance(Duration.ofMinutes(2));

        JsonNode t = api.task(id);
        assertThat(t.get("status").asText()).isEqualTo("FAILED");
        assertThat(t.get("failureCode").asText()).isEqualTo("SAFETY.INPUT.VIDEO");
        assertThat(t.get("failure").asText()).isEqualTo("moderated");
        assertThat(t.has("output")).isFalse();
        assertThat(api.download(id).statusCode())
                .as("a failed task has no output")
                .isEqualTo(404);
    }

    @Test
    void cancelledOutcomeEndsCancelledAtTheEndOfItsLife() throws Exception {
        simulator.scenarioFor("gone", TaskScenario.standard().cancelled());
        String id = api.submit("https://a.example.com/gone.mp4");

        clock.advance(Duration.ofSeconds(64));
        assertThat(api.status(id)).isEqualTo("RUNNING");
        clock.advance(Duration.ofSeconds(1));
        assertThat(api.status(id)).isEqualTo("CANCELLED");
    }

    @Test
    void scenarioRulesMatchTheVideoUriAndTheNewestWins() throws Exception {
        simulator.scenarioFor(
                uri -> uri.startsWith("data:"), TaskScenario.standard().failing("ASSET.INVALID", "bad data"));
        simulator.scenarioFor("clip", TaskScenario.standard().failing("INTERNAL", "first rule"));
        simulator.scenarioFor("clip-7", TaskScenario.standard().failing("INTERNAL.BAD_OUTPUT.CODE01", "newer rule"));
        String data = api.submit("data:video/mp4;base64,AAAA");
        String clip7 = api.submit("https://a.example.com/clip-7.mp4");
        String clip8 = api.submit("https://a.example.com/clip-8.mp4");
        String other = api.submit("https://a.example.com/other.mp4");

        clock.advance(Duration.ofMinutes(2));

        assertThat(api.task(data).get("failureCode").asText()).isEqualTo("ASSET.INVALID");
        assertThat(api.task(clip7).get("failureCode").asText()).isEqualTo("INTERNAL.BAD_OUTPUT.CODE01");
        assertThat(api.task(clip8).get("failureCode").asText()).isEqualTo("INTERNAL");
        assertThat(api.status(other)).isEqualTo("SUCCEEDED");
    }

    @Test
    void defaultScenarioAppliesWhenNoRuleMatches() throws Exception {
        simulator.close();
        simulator = RunwaySimulator.builder()
                .apiKey(KEY)
                .clock(clock)
                .defaultScenario(
                        TaskScenario.standard().withTimes(Duration.ZERO, Duration.ofHours(1), Duration.ofSeconds(1)))
                .build()
                .start();
        api = new Api(simulator);

        String id = api.submit("https://a.example.com/v.mp4");
        clock.advance(Duration.ofMinutes(59));

        assertThat(api.status(id)).isEqualTo("THROTTLED");
    }

    @Test
    void scenarioRejectsImpossibleValues() {
        TaskScenario standard = TaskScenario.standard();

        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> standard.withTimes(Duration.ofSeconds(-1), Duration.ZERO, Duration.ZERO));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> standard.withProgressNoise(1.5));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> standard.withOutputBytes(-1));
    }
}
