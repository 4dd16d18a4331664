package io.jenkins.plugins.runwayupscale.simulator;

import static io.jenkins.plugins.runwayupscale.simulator.Api.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskLifecycleTest {
    @RegisterExtension
    final Api api = Api.withClock();

    @Test
    void livesThroughPendingThrottledRunningToSucceeded() throws Exception {
        String id = api.submit(
                "throttle",
                TaskScenario.standard()
                        .withTimes(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(100)));

        JsonNode pending = api.task(id);
        assertThat(pending.get("status").asText()).isEqualTo("PENDING");
        assertThat(pending.get("id").asText()).isEqualTo(id);
        assertThat(pending.get("createdAt").asText()).isEqualTo(START.toString());
        assertThat(pending.has("progress")).isFalse();
        assertThat(pending.has("output")).isFalse();
        api.clock.advance(Duration.ofSeconds(15));
        assertThat(api.status(id)).isEqualTo("THROTTLED");
        JsonNode running = api.taskAfter(id, Duration.ofSeconds(65));
        assertThat(running.get("status").asText()).isEqualTo("RUNNING");
        assertThat(running.get("progress").asDouble()).isEqualTo(0.5);
        JsonNode done = api.taskAfter(id, Duration.ofSeconds(50));
        assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("output")).hasSize(1);
        assertThat(done.get("output").get(0).asText()).isEqualTo(api.simulator().baseUrl() + "/outputs/" + id + ".mp4");
        assertThat(done.has("failureCode")).isFalse();
    }

    @Test
    void timeScaleShortensTheLife() throws Exception {
        api.restart(b -> b.timeScale(0.01));
        String id = api.submit("https://a.example.com/v.mp4");

        api.clock.advance(Duration.ofMillis(640));
        assertThat(api.status(id)).as("64.0 s of a 65 s life").isEqualTo("RUNNING");
        api.clock.advance(Duration.ofMillis(20));
        assertThat(api.status(id)).isEqualTo("SUCCEEDED");
    }

    /** Progress is a float: smooth rises evenly (a quarter of 60 s running after 15 s), stepwise by quarters. */
    @ParameterizedTest
    @CsvSource({"SMOOTH, 15, 0.25, 36, 0.6", "STEPWISE, 14, 0.0, 34, 0.5"})
    void progressFollowsItsStyle(ProgressStyle style, int early, double atEarly, int later, double atLater)
            throws Exception {
        String id = api.submit("progress", TaskScenario.standard().withProgress(style));

        double first =
                api.taskAfter(id, Duration.ofSeconds(5 + early)).get("progress").asDouble();
        double second = api.taskAfter(id, Duration.ofSeconds(later - early))
                .get("progress")
                .asDouble();

        assertThat(first).isEqualTo(atEarly);
        assertThat(second).isEqualTo(atLater);
    }

    @Test
    void absentProgressHasNoFieldAtAll() throws Exception {
        String id = api.submit("none", TaskScenario.standard().withProgress(ProgressStyle.ABSENT));

        JsonNode running = api.taskAfter(id, Duration.ofSeconds(5 + 40));
        JsonNode done = api.taskAfter(id, Duration.ofMinutes(1));

        assertThat(running.get("status").asText()).isEqualTo("RUNNING");
        assertThat(running.has("progress")).isFalse();
        assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.has("progress")).isFalse();
    }

    @Test
    void noisyProgressStraysFromTheEvenRateButNeverGoesBack() throws Exception {
        String id = api.submit("noisy", TaskScenario.standard().withProgressNoise(1));
        api.clock.advance(Duration.ofSeconds(5));

        double previous = -1;
        double largestStray = 0;
        for (int second = 0; second < 60; second++) {
            double progress = api.task(id).get("progress").asDouble();
            assertThat(progress).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
            largestStray = Math.max(largestStray, Math.abs(progress - second / 60.0));
            previous = progress;
            api.clock.advance(Duration.ofSeconds(1));
        }

        assertThat(largestStray).isGreaterThan(0.02);
        assertThat(api.status(id)).isEqualTo("SUCCEEDED");
    }

    @Test
    void failedTaskCarriesCodeAndText() throws Exception {
        String id = api.submit("bad", TaskScenario.standard().failing("SAFETY.INPUT.VIDEO", "moderated"));

        JsonNode t = api.taskAfter(id, Duration.ofMinutes(2));
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
        String id = api.submit("gone", TaskScenario.standard().cancelled());

        api.clock.advance(Duration.ofSeconds(64));
        assertThat(api.status(id)).isEqualTo("RUNNING");
        api.clock.advance(Duration.ofSeconds(1));
        assertThat(api.status(id)).isEqualTo("CANCELLED");
    }

    @Test
    void scenarioRulesMatchTheVideoUriAndTheNewestWins() throws Exception {
        api.simulator()
                .scenarioFor(
                        uri -> uri.startsWith("data:"), TaskScenario.standard().failing("ASSET.INVALID", "bad data"));
        api.simulator().scenarioFor("clip", TaskScenario.standard().failing("INTERNAL", "first rule"));
        api.simulator()
                .scenarioFor("clip-7", TaskScenario.standard().failing("INTERNAL.BAD_OUTPUT.CODE01", "newer rule"));
        String data = api.submit("data:video/mp4;base64,AAAA");
        String clip7 = api.submit("https://a.example.com/clip-7.mp4");
        String clip8 = api.submit("https://a.example.com/clip-8.mp4");
        String other = api.submit("https://a.example.com/other.mp4");

        api.clock.advance(Duration.ofMinutes(2));

        assertThat(api.task(data).get("failureCode").asText()).isEqualTo("ASSET.INVALID");
        assertThat(api.task(clip7).get("failureCode").asText()).isEqualTo("INTERNAL.BAD_OUTPUT.CODE01");
        assertThat(api.task(clip8).get("failureCode").asText()).isEqualTo("INTERNAL");
        assertThat(api.status(other)).isEqualTo("SUCCEEDED");
    }

    @Test
    void defaultScenarioAppliesWhenNoRuleMatches() throws Exception {
        api.restart(b -> b.defaultScenario(
                TaskScenario.standard().withTimes(Duration.ZERO, Duration.ofHours(1), Duration.ofSeconds(1))));

        String id = api.submit("https://a.example.com/v.mp4");
        api.clock.advance(Duration.ofMinutes(59));

        assertThat(api.status(id)).isEqualTo("THROTTLED");
    }

    @Test
    void scenarioRejectsImpossibleValues() {
        TaskScenario standard = TaskScenario.standard();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> standard.withTimes(Duration.ofSeconds(-1), Duration.ZERO, Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> standard.withProgressNoise(1.5));
        assertThatIllegalArgumentException().isThrownBy(() -> standard.withOutputBytes(-1));
    }
}
