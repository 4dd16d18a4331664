package io.jenkins.plugins.runwayupscale.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.runwayupscale.simulator.SimulatorMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator in a process of its own, so the figures of this JVM (threads, heap) are the engine's alone.
 * Started from this benchmark's own jar, which bundles the simulator.
 */
final class SimulatorProcess implements AutoCloseable {
    static final String KEY = "benchmark-key";
    private final Process process;
    private final String baseUrl;

    SimulatorProcess(String... options) throws IOException {
        this(List.of("-Xmx1g"), options);
    }

    /** @param jvmOptions e.g. a larger {@code -Xmx} to hold many large submissions at once */
    SimulatorProcess(List<String> jvmOptions, String... options) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath;
        try {
            classpath = Path.of(SimulatorMain.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, SimulatorMain.class.getName(), "--port", "0", "--api-key", KEY));
        command.addAll(List.of(options));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = lines.readLine();
        if (first == null || !first.startsWith("http://")) {
            process.destroyForcibly();
            throw new IOException("the simulator did not start: " + first);
        }
        baseUrl = first.trim();
    }

    /** A simulator whose tasks end within about a second, each with an output of {@code bytes} bytes. */
    static SimulatorProcess withOutputs(long bytes) throws Exception {
        return new SimulatorProcess(
                "--time-scale",
                "0.01",
                "--pending",
                "0",
                "--running",
                "1",
                "--output-bytes",
                Long.toString(bytes),
                "--no-record");
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The simulator's counts: posts, taskReads, deletes, tasks. */
    JsonNode stats() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/_simulator/stats"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(r.body());
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
