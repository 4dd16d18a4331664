package io.jenkins.plugins.runwayupscale.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Answers a request the way a fault says, or declines so that it is answered normally. */
final class FaultResponder {
    private final RunwaySimulator simulator;
    private final Endpoints endpoints;
    private final Replies replies;

    FaultResponder(RunwaySimulator simulator, Endpoints endpoints, Replies replies) {
        this.simulator = simulator;
        this.endpoints = endpoints;
        this.replies = replies;
    }

    /** True when the fault answered the request (or dropped it); false to answer normally. */
    boolean answer(HttpExchange exchange, Fault fault, IncomingRequest request) throws IOException {
        switch (fault.kind()) {
            case STATUS -> {
                fault.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                replies.error(exchange, fault.status(), fault.code(), "Simulated error " + fault.status());
                return true;
            }
            case RESET -> {
                // Closing an exchange that never sent headers closes the connection: the client gets no answer.
                return true;
            }
            case HTML -> {
                Replies.send(exchange, 200, "text/html", "<html><body><h1>Welcome to nginx!</h1></body></html>");
                return true;
            }
            case REDIRECT -> {
                exchange.getResponseHeaders().set("Location", "https://api.cometapi.example/elsewhere");
                Replies.send(exchange, 301, "text/html", "<html>Moved Permanently</html>");
                return true;
            }
            case MALFORMED_JSON -> {
                Replies.send(exchange, 200, "application/json", "{\"id\": \"abc\", \"status\": ");
                return true;
            }
            case UNKNOWN_STATUS -> {
                SimulatedTask task = endpoints.taskOf(request.path());
                if (task == null || !request.authorized() || !request.method().equals("GET")) {
                    return false;
                }
                endpoints.read(exchange, task, fault.code());
                return true;
            }
            case TASK_NOT_EXIST -> {
                Replies.send(exchange, 400, "application/json", TaskJson.taskNotExist());
                return true;
            }
            case CREATE_THEN_RESET, CREATE_THEN_STATUS -> {
                return createThen(exchange, fault, request);
            }
            case BODY -> {
                String id = idIn(request.path());
                Replies.send(
                        exchange,
                        fault.status(),
                        "application/json",
                        fault.text().replace("{id}", id));
                return true;
            }
            case CREATE_AS -> {
                if (!wouldCreate(request)) {
                    return false;
                }
                Replies.json(exchange, Endpoints.created(simulator.tasks().create(request.videoUri(), fault.text())));
                return true;
            }
            case HUGE_BODY -> {
                hugeBody(exchange, fault);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * The body a slow-drip fault sends: the task a read names, a task a valid submission creates, or the output of
     * a task that succeeded (held in memory: drip only small outputs); null (answer normally) for anything else.
     */
    byte[] dripBody(IncomingRequest request) {
        String body = null;
        if (request.method().equals("GET") && request.path().startsWith(RunwaySimulator.OUTPUTS_PATH)) {
            SimulatedTask task = endpoints.taskOf(request.path());
            boolean done = task != null
                    && task.stateAt(simulator.settings().clock().instant()).isSucceeded();
            return done ? OutputContent.bytes(Math.toIntExact(task.scenario().outputBytes())) : null;
        }
        if (wouldCreate(request)) {
            body = Endpoints.created(simulator.tasks().create(request.videoUri()));
        } else if (request.method().equals("GET") && request.authorized()) {
            SimulatedTask task = endpoints.taskOf(request.path());
            body = task == null ? null : endpoints.render(task, null);
        }
        return body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the request is a submission that would have succeeded. */
    private boolean wouldCreate(IncomingRequest request) {
        return request.method().equals("POST")
                && request.path().equals(RunwaySimulator.SUBMIT_PATH)
                && request.authorized()
                && request.versionHeader()
                && request.videoUri() != null
                && !request.videoUri().isBlank()
                && simulator.settings().models().contains(request.text("model"));
    }

    private static String idIn(String path) {
        return path.startsWith(RunwaySimulator.TASKS_PATH) ? path.substring(RunwaySimulator.TASKS_PATH.length()) : "";
    }

    /** An error envelope padded to the size asked for, written in blocks: a 1 GB body costs no memory. */
    private static void hugeBody(HttpExchange exchange, Fault fault) throws IOException {
        byte[] head = "{\"error\":{\"code\":\"huge\",\"message\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}}".getBytes(StandardCharsets.UTF_8);
        long size = Math.max(fault.bytes(), head.length + tail.length);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(fault.status(), fault.code().equals("declared") ? size : 0);
        byte[] filler = new byte[64 * 1024];
        Arrays.fill(filler, (byte) 'x');
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(head);
            long left = size - head.length - tail.length;
            while (left > 0) {
                int n = (int) Math.min(filler.length, left);
                out.write(filler, 0, n);
                left -= n;
            }
            out.write(tail);
        }
    }

    /** Only a submission that would have succeeded creates a task; anything else is answered normally. */
    private boolean createThen(HttpExchange exchange, Fault fault, IncomingRequest request) throws IOException {
        if (!wouldCreate(request)) {
            return false;
        }
        simulator.tasks().create(request.videoUri());
        if (fault.kind() == Fault.Kind.CREATE_THEN_STATUS) {
            replies.error(
                    exchange,
                    fault.status(),
                    fault.code(),
                    "Simulated error " + fault.status() + " after creating the task");
        }
        return true;
    }
}
