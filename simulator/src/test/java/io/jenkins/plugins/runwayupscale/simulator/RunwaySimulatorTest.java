package io.jenkins.plugins.runwayupscale.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunwaySimulatorTest {
    private static final String KEY = "sim-test-key-42";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private RunwaySimulator simulator = RunwaySimulator.builder().apiKey(KEY).clock(clock).build().start();

    @AfterEach
    void stop() {
        simulator.close();
    }

    private HttpResponse<String> post(String body, boolean auth, boolean version) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/runwayml/v1/video_upscale"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (auth) {
            r.header("Authorization", "Bearer " + KEY);
        }
        if (version) {
            r.header("X-Runway-Version", "2024-11-06");
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String submit(String video) throws Exception {
        HttpResponse<String> r = post("{\"videoUri\":\"" + video + "\",\"model\":\"upscale_v1\"}", true, true);
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body()).get("id").asText();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode task(String id) throws Exception {
        HttpResponse<String> r = get("/runwayml/v1/tasks/" + id);
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void refusesMissingOrWrongKeyWith401() throws Exception {
        HttpResponse<String> r = post("{\"videoUri\":\"https://a.example.com/v.mp4\",\"model\":\"upscale_v1\"}", false, true);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(r.body()).at("/error/type").asText()).isEqualTo("comet_api_error");
        assertThat(JSON.readTree(r.body()).at("/error/message").asText()).contains("request id:");
        assertThat(simulator.taskCount()).isZero();
    }

    @Test
    void refusesSubmissionWithoutVersionHeader() throws Exception {
        assertThat(post("{\"videoUri\":\"https://a.example.com/v.mp4\",\"model\":\"upscale_v1\"}", true, false).statusCode())
                .isEqualTo(400);
    }

    @Test
    void refusesMissingVideoAndUnknownModel() throws Exception {
        assertThat(post("{\"model\":\"upscale_v1\"}", true, true).body()).contains("videoUri is required");
        HttpResponse<String> r = post("{\"videoUri\":\"https://a.example.com/v.mp4\",\"model\":\"gen9\"}", true, true);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("model gen9 is not supported");
        assertThat(simulator.taskCount()).isZero();
    }

    @Test
    void taskLivesThroughPendingThrottledRunningToSucceeded() throws Exception {
        simulator.scenarioFor("throttle", TaskScenario.standard().withTimes(Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(100)));
        String id = submit("https://a.example.com/throttle.mp4");

        assertThat(task(id).get("status").asText()).isEqualTo("PENDING");
        clock.advance(Duration.ofSeconds(15));
        assertThat(task(id).get("status").asText()).isEqualTo("THROTTLED");
        clock.advance(Duration.ofSeconds(65));
        JsonNode running = task(id);
        assertThat(running.get("status").asText()).isEqualTo("RUNNING");
        assertThat(running.get("progress").asDouble()).isEqualTo(0.5);
        clock.advance(Duration.ofSeconds(50));
        JsonNode done = task(id);
        assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("output").get(0).asText()).isEqualTo(simulator.baseUrl() + "/outputs/" + id + ".mp4");
    }

    @Test
    void timeScaleShortensTheLife() throws Exception {
        simulator.close();
        simulator = RunwaySimulator.builder().apiKey(KEY).clock(clock).timeScale(0.01).build().start();
        String id = submit("https://a.example.com/v.mp4");

        clock.advance(Duration.ofMillis(700));

        assertThat(task(id).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void progressStylesDiffer() throws Exception {
        simulator.scenarioFor("step", TaskScenario.standard().withProgress(ProgressStyle.STEPWISE));
        simulator.scenarioFor("none", TaskScenario.standard().withProgress(ProgressStyle.ABSENT));
        String step = submit("https://a.example.com/step.mp4");
        String none = submit("https://a.example.com/none.mp4");

        clock.advance(Duration.ofSeconds(5 + 40));

        assertThat(task(step).get("progress").asDouble()).isEqualTo(0.5);
        assertThat(task(none).has("progress")).isFalse();
        assertThat(task(none).get("status").asText()).isEqualTo("RUNNING");
    }

    @Test
    void failedTaskCarriesCodeAndText() throws Exception {
        simulator.scenarioFor("bad", TaskScenario.standard().failing("SAFETY.INPUT.VIDEO", "moderated"));
        String id = submit("https://a.example.com/bad.mp4");

        clock.advance(Duration.ofMinutes(2));

        JsonNode t = task(id);
        assertThat(t.get("status").asText()).isEqualTo("FAILED");
        assertThat(t.get("failureCode").asText()).isEqualTo("SAFETY.INPUT.VIDEO");
        assertThat(t.get("failure").asText()).isEqualTo("moderated");
    }

    @Test
    void wrappedShapeNestsTheRunwayTask() throws Exception {
        simulator.scenarioFor("wrap", TaskScenario.standard().inShape(ResponseShape.WRAPPED));
        String id = submit("https://a.example.com/wrap.mp4");
        clock.advance(Duration.ofSeconds(35));

        JsonNode t = task(id);

        assertThat(t.get("code").asText()).isEqualTo("success");
        assertThat(t.at("/data/task_id").asText()).isEqualTo(id);
        assertThat(t.at("/data/status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(t.at("/data/progress").asText()).isEqualTo("50%");
        assertThat(t.at("/data/data/status").asText()).isEqualTo("RUNNING");
    }

    @Test
    void wrapperWithoutTaskHasResultUrlWhenDone() throws Exception {
        simulator.scenarioFor("only", TaskScenario.standard().inShape(ResponseShape.WRAPPED_WITHOUT_TASK));
        String id = submit("https://a.example.com/only.mp4");
        clock.advance(Duration.ofMinutes(2));

        JsonNode t = task(id);

        assertThat(t.at("/data/status").asText()).isEqualTo("SUCCESS");
        assertThat(t.at("/data/result_url").asText()).endsWith("/outputs/" + id + ".mp4");
        assertThat(t.at("/data").has("data")).isFalse();
    }

    @Test
    void deleteCancelsARunningTaskOrAnswers405WhenUnsupported() throws Exception {
        String id = submit("https://a.example.com/v.mp4");
        HttpRequest delete = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/runwayml/v1/tasks/" + id))
                .header("Authorization", "Bearer " + KEY).DELETE().build();

        assertThat(http.send(delete, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
        assertThat(task(id).get("status").asText()).isEqualTo("CANCELLED");

        simulator.cancelSupported(false);
        assertThat(http.send(delete, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        assertThat(simulator.deleteCount()).isEqualTo(2);
    }

    @Test
    void unknownTaskIs404() throws Exception {
        assertThat(get("/runwayml/v1/tasks/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void servesTheGeneratedOutputOnceSucceeded() throws Exception {
        simulator.scenarioFor("big", TaskScenario.standard().withOutputBytes(3_000_000));
        String id = submit("https://a.example.com/big.mp4");
        assertThat(get("/outputs/" + id + ".mp4").statusCode()).isEqualTo(404);
        clock.advance(Duration.ofMinutes(2));

        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/outputs/" + id + ".mp4"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat(r.body()).isEqualTo(OutputContent.bytes(3_000_000));
    }

    @Test
    void rateLimitFaultAnswers429WithRetryAfterThenLetsThrough() throws Exception {
        simulator.fault(FaultRule.first(1, "POST", "/runwayml/v1/video_upscale", Fault.rateLimited(7)));
        HttpResponse<String> first = post("{\"videoUri\":\"https://a.example.com/v.mp4\",\"model\":\"upscale_v1\"}", true, true);

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).contains("7");
        assertThat(simulator.taskCount()).isZero();
        submit("https://a.example.com/v.mp4");
        assertThat(simulator.taskCount()).isEqualTo(1);
    }

    @Test
    void statusFaultsUseTheErrorEnvelope() throws Exception {
        String id = submit("https://a.example.com/v.mp4");
        simulator.fault(FaultRule.first(1, "GET", "/runwayml/v1/tasks/", Fault.status(502)));
        simulator.fault(FaultRule.first(1, "GET", "/runwayml/v1/tasks/", Fault.status(500, "invalid_request")));

        HttpResponse<String> first = get("/runwayml/v1/tasks/" + id);
        HttpResponse<String> second = get("/runwayml/v1/tasks/" + id);

        assertThat(first.statusCode()).isEqualTo(502);
        assertThat(second.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(second.body()).at("/error/code").asText()).isEqualTo("invalid_request");
        assertThat(get("/runwayml/v1/tasks/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void resetFaultClosesWithoutAnswer() throws Exception {
        // Every matching read: the JDK client itself retries a GET once on a closed connection.
        simulator.fault(FaultRule.first(Integer.MAX_VALUE, "GET", "/runwayml/v1/tasks/", Fault.of(Fault.Kind.RESET)));

        assertThatThrownBy(() -> get("/runwayml/v1/tasks/x")).isInstanceOf(IOException.class);
        assertThat(simulator.taskReadCount()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void htmlRedirectAndMalformedFaults() throws Exception {
        simulator.fault(FaultRule.first(1, "GET", "/runwayml/v1/tasks/", Fault.of(Fault.Kind.HTML)));
        simulator.fault(FaultRule.first(1, "GET", "/runwayml/v1/tasks/", Fault.of(Fault.Kind.REDIRECT)));
        simulator.fault(FaultRule.first(1, "GET", "/runwayml/v1/tasks/", Fault.of(Fault.Kind.MALFORMED_JSON)));

        assertThat(get("/runwayml/v1/tasks/x").body()).startsWith("<html>");
        HttpResponse<String> redirect = get("/runwayml/v1/tasks/x");
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location")).isPresent();
        assertThatThrownBy(() -> JSON.readTree(get("/runwayml/v1/tasks/x").body())).isInstanceOf(IOException.class);
    }

    @Test
    void taskNotExistForTheFirstSecondsOfATask() throws Exception {
        simulator.fault(FaultRule.whileTaskYoungerThan(Duration.ofSeconds(30), "GET", Fault.of(Fault.Kind.TASK_NOT_EXIST)));
        String id = submit("https://a.example.com/v.mp4");

        HttpResponse<String> early = get("/runwayml/v1/tasks/" + id);
        clock.advance(Duration.ofSeconds(31));

        assertThat(early.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(early.body()).get("code").asText()).isEqualTo("task_not_exist");
        assertThat(get("/runwayml/v1/tasks/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownStatusFault() throws Exception {
        String id = submit("https://a.example.com/v.mp4");
        simulator.fault(FaultRule.first(1, "GET", "/runwayml/v1/tasks/", Fault.of(Fault.Kind.UNKNOWN_STATUS)));

        assertThat(task(id).get("status").asText()).isEqualTo("WARMING_UP");
        assertThat(task(id).get("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void createThenFailFaultsCreateTheTaskAnyway() throws Exception {
        simulator.fault(FaultRule.first(1, "POST", "/runwayml/v1/video_upscale", Fault.createThenStatus(502)));
        simulator.fault(FaultRule.first(1, "POST", "/runwayml/v1/video_upscale", Fault.of(Fault.Kind.CREATE_THEN_RESET)));

        HttpResponse<String> r = post("{\"videoUri\":\"https://a.example.com/v.mp4\",\"model\":\"upscale_v1\"}", true, true);
        assertThat(r.statusCode()).isEqualTo(502);
        assertThatThrownBy(() -> post("{\"videoUri\":\"https://a.example.com/v.mp4\",\"model\":\"upscale_v1\"}", true, true))
                .isInstanceOf(IOException.class);
        assertThat(simulator.taskCount()).isEqualTo(2);
    }

    @Test
    void slowFaultDelaysTheAnswer() throws Exception {
        simulator.fault(FaultRule.first(1, "GET", "/runwayml/v1/tasks/", Fault.slow(Duration.ofMillis(300))));
        long start = System.nanoTime();

        get("/runwayml/v1/tasks/x");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void recordsRequestsWithoutTheKey() throws Exception {
        submit("https://a.example.com/v.mp4");
        post("{\"videoUri\":\"https://a.example.com/w.mp4\",\"model\":\"upscale_v1\"}", false, true);

        assertThat(simulator.postCount()).isEqualTo(2);
        assertThat(simulator.requests()).hasSize(2);
        assertThat(simulator.requests().get(0).authorized()).isTrue();
        assertThat(simulator.requests().get(0).versionHeader()).isTrue();
        assertThat(simulator.requests().get(0).videoUri()).isEqualTo("https://a.example.com/v.mp4");
        assertThat(simulator.requests().get(1).authorized()).isFalse();
        assertThat(simulator.requests().toString()).doesNotContain(KEY);
        assertThat(simulator.toString()).doesNotContain(KEY);
    }

    @Test
    void statsEndpointReportsCountsForOtherProcesses() throws Exception {
        submit("https://a.example.com/v.mp4");

        JsonNode stats = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/_simulator/stats"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());

        assertThat(stats.get("posts").asLong()).isEqualTo(1);
        assertThat(stats.get("tasks").asLong()).isEqualTo(1);
    }

    @Test
    void countsOnlyWhenRecordingIsOff() throws Exception {
        simulator.close();
        simulator = RunwaySimulator.builder().apiKey(KEY).clock(clock).recordRequests(false).build().start();

        submit("https://a.example.com/v.mp4");

        assertThat(simulator.postCount()).isEqualTo(1);
        assertThat(simulator.requests()).isEmpty();
    }
}
