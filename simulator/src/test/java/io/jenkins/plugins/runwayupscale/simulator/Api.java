package io.jenkins.plugins.runwayupscale.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Talks to a simulator the way a client would, with the JDK's HTTP client and no redirects followed. Registered
 * with {@code @RegisterExtension} ({@link #withClock()}, {@link #onRealTime()}) it runs a simulator of its own for
 * each test, holding the test key, and closes it after the test.
 */
final class Api implements AfterEachCallback {
    static final String KEY = "sim-test-key-42";
    static final String VERSION = "2024-11-06";
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    /** The simulator's clock, at {@link #START} until the test moves it; unused on real time. */
    final MutableClock clock = new MutableClock(START);

    private final boolean testClock;
    private final boolean owned;
    private RunwaySimulator simulator;

    /** Talks to a simulator the test started and closes itself. */
    Api(RunwaySimulator simulator) {
        this.testClock = false;
        this.owned = false;
        this.simulator = simulator;
    }

    private Api(boolean testClock, UnaryOperator<RunwaySimulator.Builder> settings) {
        this.testClock = testClock;
        this.owned = true;
        restart(settings);
    }

    /** A simulator of its own whose time is {@link #clock}. */
    static Api withClock() {
        return withClock(settings -> settings);
    }

    /** As {@link #withClock()}, with these settings on top of the key and the clock. */
    static Api withClock(UnaryOperator<RunwaySimulator.Builder> settings) {
        return new Api(true, settings);
    }

    /** A simulator of its own on real time, for what happens on its timers (slow answers, drips). */
    static Api onRealTime() {
        return new Api(false, settings -> settings);
    }

    /** Replaces the simulator with a new one with these settings (and, as before, the key and the clock). */
    void restart(UnaryOperator<RunwaySimulator.Builder> settings) {
        if (simulator != null) {
            simulator.close();
        }
        RunwaySimulator.Builder builder = RunwaySimulator.builder().apiKey(KEY);
        if (testClock) {
            builder.clock(clock);
        }
        simulator = settings.apply(builder).build().start();
    }

    RunwaySimulator simulator() {
        return simulator;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (owned) {
            simulator.close();
        }
    }

    static String body(String videoUri) {
        return "{\"videoUri\":\"" + videoUri + "\",\"model\":\"upscale_v1\"}";
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String body, String key, boolean version) throws IOException, InterruptedException {
        HttpRequest.Builder r = request(RunwaySimulator.SUBMIT_PATH)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            r.header("Authorization", "Bearer " + key);
        }
        if (version) {
            r.header("X-Runway-Version", VERSION);
        }
        return send(r);
    }

    HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return post(body, KEY, true);
    }

    /** Submits a video and returns the new task's id, failing the test if that does not work. */
    String submit(String videoUri) throws IOException, InterruptedException {
        HttpResponse<String> r = post(body(videoUri));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("id").asText();
    }

    /**
     * Submits {@code https://a.example.com/<name>.mp4} after making {@code scenario} the life of videos with that
     * name; returns the task id.
     */
    String submit(String name, TaskScenario scenario) throws IOException, InterruptedException {
        simulator.scenarioFor(name, scenario);
        return submit("https://a.example.com/" + name + ".mp4");
    }

    /** Moves the clock on by {@code later}, then reads the task. */
    JsonNode taskAfter(String id, Duration later) throws IOException, InterruptedException {
        clock.advance(later);
        return task(id);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).header("Authorization", "Bearer " + KEY));
    }

    HttpResponse<String> delete(String taskId) throws IOException, InterruptedException {
        return send(request(RunwaySimulator.TASKS_PATH + taskId)
                .header("Authorization", "Bearer " + KEY)
                .DELETE());
    }

    /** Reads a task, failing the test unless the answer is 200 JSON. */
    JsonNode task(String id) throws IOException, InterruptedException {
        HttpResponse<String> r = get(RunwaySimulator.TASKS_PATH + id);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    String status(String id) throws IOException, InterruptedException {
        return task(id).get("status").asText();
    }

    HttpResponse<byte[]> download(String id) throws IOException, InterruptedException {
        return http.send(
                request(RunwaySimulator.OUTPUTS_PATH + id + ".mp4").build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
