package io.jenkins.plugins.runwayupscale.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Routes each request: faults first, then auth and version checks, then the endpoint itself. */
final class SimulatorHandler implements HttpHandler {
    private static final int MAX_BODY = 32 * 1024 * 1024;
    private final RunwaySimulator simulator;
    private final AtomicLong requestIds = new AtomicLong(20_260_101_000_000L);

    SimulatorHandler(RunwaySimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals(RunwaySimulator.STATS_PATH) && method.equals("GET")) {
                stats(exchange);
                return;
            }
            if (path.startsWith(RunwaySimulator.OUTPUTS_PATH) && method.equals("GET")) {
                serveOutput(exchange, path.substring(RunwaySimulator.OUTPUTS_PATH.length()));
                return;
            }
            api(exchange, method, path);
        } catch (RuntimeException e) {
            // A broken request must not take the simulator down; the client sees the connection close.
        }
    }

    private void api(HttpExchange exchange, String method, String path) throws IOException {
        RunwaySimulator.Builder config = simulator.config();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        boolean authorized = ("Bearer " + config.apiKey).equals(auth);
        boolean version = exchange.getRequestHeaders().getFirst("X-Runway-Version") != null;
        byte[] body = method.equals("POST") ? readBody(exchange.getRequestBody()) : new byte[0];
        JsonNode json = method.equals("POST") ? parse(body) : null;
        String videoUri = json == null ? null : text(json, "videoUri");
        Instant now = config.clock.instant();
        SimulatedTask task = path.startsWith(RunwaySimulator.TASKS_PATH)
                ? simulator.tasks().get(path.substring(RunwaySimulator.TASKS_PATH.length())) : null;
        simulator.log().add(new RecordedRequest(now, method, path, authorized, version, shorten(videoUri)));

        Fault fault = simulator.faultFor(method, path, task);
        if (fault != null && applyFault(exchange, fault, method, json, task)) {
            return;
        }
        if (!authorized) {
            error(exchange, 401, "invalid_api_key", "Invalid token");
            return;
        }
        if (method.equals("POST") && path.equals(RunwaySimulator.SUBMIT_PATH)) {
            submit(exchange, version, json, videoUri);
        } else if (method.equals("GET") && path.startsWith(RunwaySimulator.TASKS_PATH)) {
            read(exchange, task, null);
        } else if (method.equals("DELETE") && path.startsWith(RunwaySimulator.TASKS_PATH)) {
            cancel(exchange, task);
        } else {
            error(exchange, 404, "not_found", "Invalid URL (" + method + " " + path + ")");
        }
    }

    /** Returns true when the fault answered (or dropped) the request; false to go on normally. */
    private boolean applyFault(HttpExchange exchange, Fault fault, String method, JsonNode json, SimulatedTask task)
            throws IOException {
        switch (fault.kind()) {
            case STATUS -> {
                fault.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                error(exchange, fault.status(), fault.code(), "Simulated error " + fault.status());
                return true;
            }
            case SLOW -> {
                pause(fault.delay().toMillis());
                return false;
            }
            case RESET -> {
                return true;
            }
            case HTML -> {
                send(exchange, 200, "text/html", "<html><body><h1>Welcome to nginx!</h1></body></html>");
                return true;
            }
            case REDIRECT -> {
                exchange.getResponseHeaders().add("Location", "https://api.cometapi.example/elsewhere");
                send(exchange, 301, "text/html", "<html>Moved Permanently</html>");
                return true;
            }
            case MALFORMED_JSON -> {
                send(exchange, 200, "application/json", "{\"id\": \"abc\", \"status\": ");
                return true;
            }
            case UNKNOWN_STATUS -> {
                if (task == null) {
                    return false;
                }
                read(exchange, task, "WARMING_UP");
                return true;
            }
            case TASK_NOT_EXIST -> {
                send(exchange, 400, "application/json", TaskJson.taskNotExist());
                return true;
            }
            case CREATE_THEN_RESET, CREATE_THEN_STATUS -> {
                if (!method.equals("POST") || json == null || text(json, "videoUri") == null) {
                    return false;
                }
                create(text(json, "videoUri"));
                if (fault.kind() == Fault.Kind.CREATE_THEN_STATUS) {
                    error(exchange, fault.status(), fault.code(), "Simulated error " + fault.status() + " after creating the task");
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void submit(HttpExchange exchange, boolean version, JsonNode json, String videoUri) throws IOException {
        if (!version) {
            error(exchange, 400, "invalid_request", "X-Runway-Version header is required");
            return;
        }
        if (json == null) {
            error(exchange, 400, "invalid_request", "Request body is not valid JSON");
            return;
        }
        if (videoUri == null || videoUri.isBlank()) {
            error(exchange, 400, "invalid_request", "videoUri is required");
            return;
        }
        String model = text(json, "model");
        if (model == null || !simulator.config().models.contains(model)) {
            error(exchange, 400, "invalid_model", "model " + model + " is not supported");
            return;
        }
        SimulatedTask task = create(videoUri);
        send(exchange, 200, "application/json", "{\"id\":\"" + task.id() + "\"}");
    }

    private SimulatedTask create(String videoUri) {
        RunwaySimulator.Builder config = simulator.config();
        SimulatedTask task = new SimulatedTask(UUID.randomUUID().toString(), config.clock.instant(),
                simulator.scenarioFor(videoUri), config.timeScale);
        simulator.tasks().put(task.id(), task);
        return task;
    }

    private void read(HttpExchange exchange, SimulatedTask task, String statusOverride) throws IOException {
        if (task == null) {
            error(exchange, 404, "not_found", "task not found");
            return;
        }
        TaskState state = task.stateAt(simulator.config().clock.instant());
        ResponseShape shape = task.scenario().shape() != null ? task.scenario().shape() : simulator.config().shape;
        String output = simulator.baseUrl() + RunwaySimulator.OUTPUTS_PATH + task.id() + ".mp4";
        send(exchange, 200, "application/json", TaskJson.render(task, state, shape, output, statusOverride));
    }

    private void cancel(HttpExchange exchange, SimulatedTask task) throws IOException {
        if (!simulator.isCancelSupported()) {
            error(exchange, 405, "method_not_allowed", "Method Not Allowed");
            return;
        }
        if (task == null) {
            error(exchange, 404, "not_found", "task not found");
            return;
        }
        task.cancel(simulator.config().clock.instant());
        exchange.sendResponseHeaders(204, -1);
    }

    private void serveOutput(HttpExchange exchange, String name) throws IOException {
        String id = name.endsWith(".mp4") ? name.substring(0, name.length() - 4) : name;
        SimulatedTask task = simulator.tasks().get(id);
        if (task == null || !task.stateAt(simulator.config().clock.instant()).isSucceeded()) {
            send(exchange, 404, "text/plain", "no such output");
            return;
        }
        long size = task.scenario().outputBytes();
        exchange.getResponseHeaders().add("Content-Type", "video/mp4");
        exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
        try (OutputStream out = exchange.getResponseBody()) {
            OutputContent.write(out, size);
        }
    }

    /** Counts for tools that run the simulator in another process (the benchmark). */
    private void stats(HttpExchange exchange) throws IOException {
        send(exchange, 200, "application/json", "{\"posts\":" + simulator.postCount() + ",\"taskReads\":"
                + simulator.taskReadCount() + ",\"deletes\":" + simulator.deleteCount() + ",\"tasks\":"
                + simulator.taskCount() + "}");
    }

    private void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        send(exchange, status, "application/json", TaskJson.error(status, code, message, requestIds.incrementAndGet()));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY);
        in.close();
        return bytes;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = TaskJson.MAPPER.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }

    private static String shorten(String videoUri) {
        if (videoUri == null) {
            return null;
        }
        return videoUri.length() <= 200 ? videoUri : videoUri.substring(0, 100) + "... (" + videoUri.length() + " characters)";
    }

    private static void pause(long millis) {
        try {
            // The one place a thread waits on purpose: a slow server is what is being simulated.
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
