package io.jenkins.plugins.runwayupscale.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Talks to a simulator the way a client would, with the JDK's HTTP client and no redirects followed. */
final class Api {
    static final String KEY = "sim-test-key-42";
    static final String VERSION = "2024-11-06";
    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final RunwaySimulator simulator;

    Api(RunwaySimulator simulator) {
        this.simulator = simulator;
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
