package io.jenkins.plugins.runwayupscale.simulator;

import static io.jenkins.plugins.runwayupscale.simulator.Api.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The benchmark (perf/) runs 10,000 waits against the simulator; this keeps the same claim cheap enough for every build. */
class ManyTasksTest {
    private static final int TASKS = 2_000;

    @Test
    void thousandsOfTasksAreSubmittedAndPolledConcurrentlyOnAFixedPool() throws Exception {
        try (RunwaySimulator simulator = RunwaySimulator.builder()
                .apiKey(KEY)
                .timeScale(0.001)
                .defaultScenario(
                        TaskScenario.standard().withTimes(Duration.ofSeconds(1), Duration.ZERO, Duration.ofHours(10)))
                .build()
                .start()) {
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Semaphore inFlight = new Semaphore(64);
            List<CompletableFuture<HttpResponse<String>>> submits = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                submits.add(send(
                        http,
                        inFlight,
                        HttpRequest.newBuilder(URI.create(simulator.baseUrl() + RunwaySimulator.SUBMIT_PATH))
                                .header("X-Runway-Version", Api.VERSION)
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        Api.body("https://a.example.com/" + i + ".mp4")))));
            }
            List<String> ids = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> submit : submits) {
                ids.add(Api.JSON
                        .readTree(submit.get(60, TimeUnit.SECONDS).body())
                        .get("id")
                        .asText());
            }

            Map<String, Integer> statuses = new ConcurrentHashMap<>();
            List<CompletableFuture<HttpResponse<String>>> reads = new ArrayList<>();
            for (String id : ids) {
                reads.add(send(
                                http,
                                inFlight,
                                HttpRequest.newBuilder(
                                        URI.create(simulator.baseUrl() + RunwaySimulator.TASKS_PATH + id)))
                        .whenComplete((r, e) -> statuses.merge(
                                r == null ? "error" : r.statusCode() + " " + status(r.body()), 1, Integer::sum)));
            }
            CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long serverThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("runway-simulator-"))
                    .count();

            assertThat(simulator.taskCount()).isEqualTo(TASKS);
            assertThat(statuses).containsOnlyKeys("200 RUNNING").containsEntry("200 RUNNING", TASKS);
            assertThat(simulator.taskReadCount()).isEqualTo(TASKS);
            assertThat(serverThreads)
                    .as("8 server threads and one timer, however many tasks")
                    .isLessThanOrEqualTo(9);
        }
    }

    private static CompletableFuture<HttpResponse<String>> send(
            HttpClient http, Semaphore inFlight, HttpRequest.Builder request) throws InterruptedException {
        inFlight.acquire();
        return http.sendAsync(
                        request.header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString())
                .whenComplete((r, e) -> inFlight.release());
    }

    private static String status(String body) {
        try {
            return Api.JSON.readTree(body).get("status").asText();
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
