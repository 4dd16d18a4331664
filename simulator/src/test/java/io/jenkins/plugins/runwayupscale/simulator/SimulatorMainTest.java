package io.jenkins.plugins.runwayupscale.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorMainTest {

    private static ProcessBuilder simulatorProcess(String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(
                List.of(java, "-cp", System.getProperty("java.class.path"), SimulatorMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    @Test
    void printsTheBaseUrlAndServesWithTheKeyFromTheEnvironment(@TempDir Path dir) throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        ProcessBuilder builder = simulatorProcess("--port", "0", "--time-scale", "0.01");
        builder.environment().put("COMETAPI_KEY", "key-from-env");
        Process process = builder.redirectError(stderr.toFile()).start();
        try {
            String baseUrl = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(baseUrl).as(() -> readQuietly(stderr)).matches("http://127\\.0\\.0\\.1:\\d+");
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest.Builder submit = HttpRequest.newBuilder(URI.create(baseUrl + RunwaySimulator.SUBMIT_PATH))
                    .header("X-Runway-Version", Api.VERSION)
                    .POST(HttpRequest.BodyPublishers.ofString(Api.body("https://a.example.com/v.mp4")));

            int withEnvKey = http.send(
                            submit.copy()
                                    .header("Authorization", "Bearer key-from-env")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
            int withDefaultKey = http.send(
                            submit.copy()
                                    .header("Authorization", "Bearer sim-key")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();

            assertThat(withEnvKey).isEqualTo(200);
            assertThat(withDefaultKey).isEqualTo(401);
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void exitsWith2OnAWrongOptionAndPrintsNoUrl() throws Exception {
        Process process = simulatorProcess("--shape", "round").start();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEmpty();
        assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("--shape must be bare, wrapped or wrapped-only")
                .contains("--help");
    }
}
