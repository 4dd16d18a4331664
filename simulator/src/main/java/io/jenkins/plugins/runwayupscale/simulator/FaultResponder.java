package io.jenkins.plugins.runwayupscale.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

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
            default -> {
                return false;
            }
        }
    }

    /** Only a submission that would have succeeded creates a task; anything else is answered normally. */
    private boolean createThen(HttpExchange exchange, Fault fault, IncomingRequest request) throws IOException {
        boolean valid = request.method().equals("POST")
                && request.path().equals(RunwaySimulator.SUBMIT_PATH)
                && request.authorized()
                && request.versionHeader()
                && request.videoUri() != null
                && !request.videoUri().isBlank()
                && simulator.settings().models().contains(request.text("model"));
        if (!valid) {
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
