package io.jenkins.plugins.runwayupscale.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** The simulator's endpoints once a request is known to be authorized and not faulted: submit, read, cancel, download. */
final class Endpoints {
    private final RunwaySimulator simulator;
    private final Replies replies;

    Endpoints(RunwaySimulator simulator, Replies replies) {
        this.simulator = simulator;
        this.replies = replies;
    }

    /** The task a task or output path names, or null. */
    SimulatedTask taskOf(String path) {
        String id;
        if (path.startsWith(RunwaySimulator.TASKS_PATH)) {
            id = path.substring(RunwaySimulator.TASKS_PATH.length());
        } else if (path.startsWith(RunwaySimulator.OUTPUTS_PATH)) {
            id = path.substring(RunwaySimulator.OUTPUTS_PATH.length());
            id = id.endsWith(".mp4") ? id.substring(0, id.length() - 4) : id;
        } else {
            return null;
        }
        return simulator.tasks().get(id);
    }

    void submit(HttpExchange exchange, IncomingRequest request) throws IOException {
        if (!request.versionHeader()) {
            replies.error(exchange, 400, "invalid_request", "X-Runway-Version header is required");
            return;
        }
        if (request.json() == null) {
            replies.error(exchange, 400, "invalid_request", "Request body is not a JSON object");
            return;
        }
        if (request.videoUri() == null || request.videoUri().isBlank()) {
            replies.error(exchange, 400, "invalid_request", "videoUri is required");
            return;
        }
        String model = request.text("model");
        if (model == null || !simulator.settings().models().contains(model)) {
            replies.error(exchange, 400, "invalid_model", "model " + model + " is not supported");
            return;
        }
        SimulatedTask task = simulator.tasks().create(request.videoUri());
        Replies.json(exchange, created(task));
    }

    /** The answer to a submission that created this task. */
    static String created(SimulatedTask task) {
        return TaskJson.MAPPER.createObjectNode().put("id", task.id()).toString();
    }

    /** {@code statusOverride}, when not null, is reported instead of the task's status. */
    void read(HttpExchange exchange, SimulatedTask task, String statusOverride) throws IOException {
        if (task == null) {
            replies.error(exchange, 404, "not_found", "task not found");
            return;
        }
        Replies.json(exchange, render(task, statusOverride));
    }

    /** The task as a read answers it now. */
    String render(SimulatedTask task, String statusOverride) {
        TaskState state = task.stateAt(simulator.settings().clock().instant());
        ResponseShape shape = task.scenario().shape() != null
                ? task.scenario().shape()
                : simulator.settings().shape();
        return TaskJson.render(task, state, shape, outputUrl(task), statusOverride);
    }

    void cancel(HttpExchange exchange, SimulatedTask task, String path) throws IOException {
        int refusal = simulator.cancelRefusal();
        if (refusal == 405) {
            replies.error(exchange, 405, "method_not_allowed", "Method Not Allowed");
            return;
        }
        if (refusal != 0) {
            replies.error(exchange, refusal, "not_found", "Invalid URL (DELETE " + path + ")");
            return;
        }
        if (task == null) {
            replies.error(exchange, 404, "not_found", "task not found");
            return;
        }
        // Runway deletes a finished task and cancels a running one; both answer 204.
        task.cancel(simulator.settings().clock().instant());
        exchange.sendResponseHeaders(204, -1);
    }

    /** Output URLs are presigned on Runway, so a download (GET or HEAD) needs no key. */
    void output(HttpExchange exchange, SimulatedTask task, boolean truncate) throws IOException {
        if (task == null
                || !task.stateAt(simulator.settings().clock().instant()).isSucceeded()) {
            Replies.send(exchange, 404, "text/plain", "no such output");
            return;
        }
        long size = task.scenario().outputBytes();
        exchange.getResponseHeaders().set("Content-Type", "video/mp4");
        if (exchange.getRequestMethod().equals("HEAD")) {
            // The JDK server sends no length of its own for HEAD, and a client asks HEAD to learn the size.
            exchange.getResponseHeaders().set("Content-Length", Long.toString(size));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
        OutputStream out = exchange.getResponseBody();
        if (truncate) {
            // Closing short of the promised length makes the server drop the connection: a cut download.
            OutputContent.write(out, size / 2);
            out.flush();
            return;
        }
        try (out) {
            OutputContent.write(out, size);
        }
    }

    /** Counts for tools that run the simulator in another process (the benchmark). */
    void stats(HttpExchange exchange) throws IOException {
        Replies.json(
                exchange,
                "{\"posts\":" + simulator.postCount() + ",\"taskReads\":" + simulator.taskReadCount()
                        + ",\"deletes\":" + simulator.deleteCount() + ",\"downloads\":" + simulator.downloadCount()
                        + ",\"tasks\":" + simulator.taskCount() + rateLimitStats() + "}");
    }

    private String rateLimitStats() {
        RateLimit limit = simulator.rateLimit();
        if (limit == null) {
            return "";
        }
        return ",\"rateLimited\":" + limit.refused() + ",\"requestsPerSecond\":" + array(limit.requestsPerSecond())
                + ",\"refusedPerSecond\":" + array(limit.refusedPerSecond());
    }

    private static String array(long[] values) {
        StringBuilder out = new StringBuilder("[");
        for (long n : values) {
            out.append(out.length() == 1 ? "" : ",").append(n);
        }
        return out.append(']').toString();
    }

    private String outputUrl(SimulatedTask task) {
        return simulator.baseUrl() + RunwaySimulator.OUTPUTS_PATH + task.id() + ".mp4";
    }
}
