package io.jenkins.plugins.runwayupscale.simulator;

import static io.jenkins.plugins.runwayupscale.simulator.Api.KEY;
import static io.jenkins.plugins.runwayupscale.simulator.Api.body;
import static io.jenkins.plugins.runwayupscale.simulator.RunwaySimulator.SUBMIT_PATH;
import static io.jenkins.plugins.runwayupscale.simulator.RunwaySimulator.TASKS_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordingTest {
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
    void recordsWhatArrivedButNeverTheKey() throws Exception {
        String id = api.submit("https://a.example.com/v.mp4");
        clock.advance(Duration.ofSeconds(3));
        api.post(body("https://a.example.com/w.mp4"), "wrong-" + KEY, false);
        api.get(TASKS_PATH + id);

        assertThat(simulator.requests()).hasSize(3);
        RecordedRequest first = simulator.requests().get(0);
        assertThat(first.at()).isEqualTo(START);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo(SUBMIT_PATH);
        assertThat(first.authorized()).isTrue();
        assertThat(first.versionHeader()).isTrue();
        assertThat(first.videoUri()).isEqualTo("https://a.example.com/v.mp4");
        RecordedRequest second = simulator.requests().get(1);
        assertThat(second.at()).isEqualTo(START.plusSeconds(3));
        assertThat(second.authorized()).isFalse();
        assertThat(second.versionHeader()).isFalse();
        RecordedRequest third = simulator.requests().get(2);
        assertThat(third.path()).isEqualTo(TASKS_PATH + id);
        assertThat(third.videoUri()).isNull();
        assertThat(simulator.requests().toString()).doesNotContain(KEY);
    }

    @Test
    void theKeyAppearsInNoDescription() {
        RunwaySimulator.Builder builder = RunwaySimulator.builder().apiKey(KEY);
        RunwaySimulator notStarted = builder.build();

        assertThat(simulator.toString()).doesNotContain(KEY).contains(simulator.baseUrl());
        assertThat(simulator.settings().toString()).doesNotContain(KEY);
        assertThat(notStarted.toString()).doesNotContain(KEY).contains("not started");
        assertThat(builder.toString()).doesNotContain(KEY);
        assertThat(FaultRule.always("GET", TASKS_PATH, Fault.status(503)).toString())
                .contains("STATUS");
    }

    @Test
    void longDataUrisAreCutShort() throws Exception {
        String data = "data:video/mp4;base64," + "A".repeat(100_000);

        api.submit(data);

        String recorded = simulator.requests().get(0).videoUri();
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

        assertThat(simulator.postCount()).isEqualTo(1);
        assertThat(simulator.taskReadCount()).isEqualTo(2);
        assertThat(simulator.deleteCount()).isEqualTo(1);
        assertThat(simulator.downloadCount()).isEqualTo(1);
        assertThat(simulator.count("GET", TASKS_PATH)).isEqualTo(2);
        assertThat(simulator.count("*", TASKS_PATH)).isEqualTo(3);
        assertThat(simulator.count("*", "/")).isEqualTo(6);
        assertThat(simulator.count("post", "/runwayml/")).isEqualTo(1);
    }

    @Test
    void resetForgetsRequestsCountsAndTasksButKeepsScenarios() throws Exception {
        simulator.scenarioFor("bad", TaskScenario.standard().failing("INTERNAL", "x"));
        api.submit("https://a.example.com/v.mp4");

        simulator.reset();

        assertThat(simulator.requests()).isEmpty();
        assertThat(simulator.postCount()).isZero();
        assertThat(simulator.taskCount()).isZero();
        String id = api.submit("https://a.example.com/bad.mp4");
        clock.advance(Duration.ofMinutes(2));
        assertThat(api.status(id)).isEqualTo("FAILED");
    }

    @Test
    void keepsOnlyTheMostRecentRecordsButCountsEverything() throws Exception {
        simulator.close();
        simulator = RunwaySimulator.builder()
                .apiKey(KEY)
                .clock(clock)
                .maxRecordedRequests(3)
                .build()
                .start();
        api = new Api(simulator);

        for (int i = 0; i < 5; i++) {
            api.submit("https://a.example.com/" + i + ".mp4");
        }

        assertThat(simulator.postCount()).isEqualTo(5);
        assertThat(simulator.requests())
                .extracting(RecordedRequest::videoUri)
                .containsExactly(
                        "https://a.example.com/2.mp4", "https://a.example.com/3.mp4", "https://a.example.com/4.mp4");
    }

    @Test
    void countsOnlyWhenRecordingIsOff() throws Exception {
        simulator.close();
        simulator = RunwaySimulator.builder()
                .apiKey(KEY)
                .clock(clock)
                .recordRequests(false)
                .build()
                .start();
        api = new Api(simulator);

        api.submit("https://a.example.com/v.mp4");

        assertThat(simulator.postCount()).isEqualTo(1);
        assertThat(simulator.requests()).isEmpty();
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
        assertThat(simulator.requests()).hasSize(2);
    }
}
