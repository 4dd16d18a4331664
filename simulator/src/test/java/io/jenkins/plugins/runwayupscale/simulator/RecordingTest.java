package io.jenkins.plugins.runwayupscale.simulator;

import static io.jenkins.plugins.runwayupscale.simulator.Api.KEY;
import static io.jenkins.plugins.runwayupscale.simulator.Api.START;
import static io.jenkins.plugins.runwayupscale.simulator.Api.body;
import static io.jenkins.plugins.runwayupscale.simulator.RunwaySimulator.SUBMIT_PATH;
import static io.jenkins.plugins.runwayupscale.simulator.RunwaySimulator.TASKS_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RecordingTest {
    @RegisterExtension
    final Api api = Api.withClock();

    @Test
    void recordsWhatArrivedButNeverTheKey() throws Exception {
        String id = api.submit("https://a.example.com/v.mp4");
        api.clock.advance(Duration.ofSeconds(3));
        api.post(body("https://a.example.com/w.mp4"), "wrong-" + KEY, false);
        api.get(TASKS_PATH + id);

        assertThat(api.simulator().requests()).hasSize(3);
        RecordedRequest first = api.simulator().requests().get(0);
        assertThat(first.at()).isEqualTo(START);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo(SUBMIT_PATH);
        assertThat(first.authorized()).isTrue();
        assertThat(first.versionHeader()).isTrue();
        assertThat(first.videoUri()).isEqualTo("https://a.example.com/v.mp4");
        RecordedRequest second = api.simulator().requests().get(1);
        assertThat(second.at()).isEqualTo(START.plusSeconds(3));
        assertThat(second.authorized()).isFalse();
        assertThat(second.versionHeader()).isFalse();
        RecordedRequest third = api.simulator().requests().get(2);
        assertThat(third.path()).isEqualTo(TASKS_PATH + id);
        assertThat(third.videoUri()).isNull();
        assertThat(api.simulator().requests().toString()).doesNotContain(KEY);
    }

    @Test
    void theKeyAppearsInNoDescription() {
        RunwaySimulator.Builder builder = RunwaySimulator.builder().apiKey(KEY);
        RunwaySimulator notStarted = builder.build();

        assertThat(api.simulator().toString())
                .doesNotContain(KEY)
                .contains(api.simulator().baseUrl());
        assertThat(api.simulator().settings().toString()).doesNotContain(KEY);
        assertThat(notStarted.toString()).doesNotContain(KEY).contains("not started");
        assertThat(builder.toString()).doesNotContain(KEY);
        assertThat(FaultRule.always("GET", TASKS_PATH, Fault.status(503)).toString())
                .contains("STATUS");
    }

    @Test
    void longDataUrisAreCutShort() throws Exception {
        String data = "data:video/mp4;base64," + "A".repeat(100_000);

        api.submit(data);

        String recorded = api.simulator().requests().get(0).videoUri();
        assertThat(recorded).startsWith("data:video/mp4;base64,AAAA").endsWith("(100022 characters)");
        assertThat(recorded.length()).isLessThan(150);
    }

    @Test
    void countsByKindAndByMethodAndPrefix() throws Exception {
        String id = api.submit("https://a.example.com/v.mp4");
        api.get(TASKS_PATH + id);
        api.get(TASKS_PATH + id);
        api.delete(id);
        api.download(id);
        api.get("/elsewhere");

        assertThat(api.simulator().postCount()).isEqualTo(1);
        assertThat(api.simulator().taskReadCount()).isEqualTo(2);
        assertThat(api.simulator().deleteCount()).isEqualTo(1);
        assertThat(api.simulator().downloadCount()).isEqualTo(1);
        assertThat(api.simulator().count("GET", TASKS_PATH)).isEqualTo(2);
        assertThat(api.simulator().count("*", TASKS_PATH)).isEqualTo(3);
        assertThat(api.simulator().count("*", "/")).isEqualTo(6);
        assertThat(api.simulator().count("post", "/runwayml/")).isEqualTo(1);
    }

    @Test
    void resetForgetsRequestsCountsAndTasksButKeepsScenarios() throws Exception {
        api.simulator().scenarioFor("bad", TaskScenario.standard().failing("INTERNAL", "x"));
        api.submit("https://a.example.com/v.mp4");

        api.simulator().reset();

        assertThat(api.simulator().requests()).isEmpty();
        assertThat(api.simulator().postCount()).isZero();
        assertThat(api.simulator().taskCount()).isZero();
        String id = api.submit("https://a.example.com/bad.mp4");
        api.clock.advance(Duration.ofMinutes(2));
        assertThat(api.status(id)).isEqualTo("FAILED");
    }

    @Test
    void keepsOnlyTheMostRecentRecordsButCountsEverything() throws Exception {
        api.restart(b -> b.maxRecordedRequests(3));

        for (int i = 0; i < 5; i++) {
            api.submit("https://a.example.com/" + i + ".mp4");
        }

        assertThat(api.simulator().postCount()).isEqualTo(5);
        assertThat(api.simulator().requests())
                .extracting(RecordedRequest::videoUri)
                .containsExactly(
                        "https://a.example.com/2.mp4", "https://a.example.com/3.mp4", "https://a.example.com/4.mp4");
    }

    @Test
    void countsOnlyWhenRecordingIsOff() throws Exception {
        api.restart(b -> b.recordRequests(false));

        api.submit("https://a.example.com/v.mp4");

        assertThat(api.simulator().postCount()).isEqualTo(1);
        assertThat(api.simulator().requests()).isEmpty();
    }

    @Test
    void statsEndpointReportsCountsForOtherProcessesAndIsNotCounted() throws Exception {
        String id = api.submit("https://a.example.com/v.mp4");
        api.get(TASKS_PATH + id);

        HttpResponse<String> r = api.send(api.request(RunwaySimulator.STATS_PATH));
        JsonNode stats = Api.json(r);

        assertThat(stats.get("posts").asLong()).isEqualTo(1);
        assertThat(stats.get("taskReads").asLong()).isEqualTo(1);
        assertThat(stats.get("deletes").asLong()).isZero();
        assertThat(stats.get("downloads").asLong()).isZero();
        assertThat(stats.get("tasks").asLong()).isEqualTo(1);
        assertThat(api.simulator().requests()).hasSize(2);
    }
}
