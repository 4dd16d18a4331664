package io.jenkins.plugins.runwayupscale.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Routes each request: record it, apply a fault if a rule says so, check the key, then the endpoint itself. */
final class SimulatorHandler implements HttpHandler {
    private final RunwaySimulator simulator;
    private final Endpoints endpoints;
    private final FaultResponder faults;
    private final Replies replies;
    private final byte[] expectedAuthorization;

    SimulatorHandler(RunwaySimulator simulator, String apiKey) {
        this.simulator = simulator;
        this.replies = new Replies();
        this.endpoints = new Endpoints(simulator, replies);
        this.faults = new FaultResponder(simulator, endpoints, replies);
        this.expectedAuthorization = ("Bearer " + apiKey).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(HttpExchange exchange) {
        boolean answeredLater = false;
        try {
            answeredLater = dispatch(exchange);
        } catch (IOException | RuntimeException e) {
            // A broken request or a client that went away must not take the simulator down.
        } finally {
            if (!answeredLater) {
                exchange.close();
            }
        }
    }

    /** Returns true when the answer was handed to the scheduler and the exchange must stay open. */
    private boolean dispatch(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (method.equals("GET") && path.equals(RunwaySimulator.STATS_PATH)) {
            endpoints.stats(exchange);
            return false;
        }
        IncomingRequest request = IncomingRequest.read(exchange, expectedAuthorization);
        simulator.log().add(request.record(simulator.settings().clock().instant()));
        Fault fault = simulator.faultFor(method, path, endpoints.taskOf(path));
        if (fault != null && fault.kind() == Fault.Kind.SLOW) {
            // Waiting on a timer instead of a server thread keeps many slow answers from starving the others.
            simulator.later(fault.delay(), () -> answerLater(exchange, request));
            return true;
        }
        if (fault != null && fault.kind() == Fault.Kind.DRIP) {
            byte[] body = faults.dripBody(request);
            if (body != null) {
                new Drip(simulator, exchange, body, fault.delay()).start();
                return true;
            }
            fault = null;
        }
        answer(exchange, request, fault);
        return false;
    }

    private void answerLater(HttpExchange exchange, IncomingRequest request) {
        try {
            answer(exchange, request, null);
        } catch (IOException | RuntimeException e) {
            // The client may have given up waiting; nothing to tell it.
        } finally {
            exchange.close();
        }
    }

    private boolean refusedByRateLimit(HttpExchange exchange) throws IOException {
        RateLimit limit = simulator.rateLimit();
        if (limit == null || limit.admit(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return false;
        }
        long millis = limit.millisToNextSecond();
        exchange.getResponseHeaders().set("Retry-After", Long.toString((millis + 999) / 1000));
        exchange.getResponseHeaders().set("retry-after-ms", Long.toString(millis));
        replies.error(exchange, 429, "rate_limit_exceeded", "Too many requests for this key; slow down");
        return true;
    }

    private void answer(HttpExchange exchange, IncomingRequest request, Fault fault) throws IOException {
        if (fault != null && faults.answer(exchange, fault, request)) {
            return;
        }
        String method = request.method();
        String path = request.path();
        if ((method.equals("GET") || method.equals("HEAD")) && path.startsWith(RunwaySimulator.OUTPUTS_PATH)) {
            endpoints.output(
                    exchange, endpoints.taskOf(path), fault != null && fault.kind() == Fault.Kind.TRUNCATED_BODY);
        } else if (refusedByRateLimit(exchange)) {
            return;
        } else if (!request.authorized()) {
            replies.error(exchange, 401, "invalid_api_key", "Invalid token");
        } else if (method.equals("POST") && path.equals(RunwaySimulator.SUBMIT_PATH)) {
            endpoints.submit(exchange, request);
        } else if (method.equals("GET") && path.startsWith(RunwaySimulator.TASKS_PATH)) {
            endpoints.read(exchange, endpoints.taskOf(path), null);
        } else if (method.equals("DELETE") && path.startsWith(RunwaySimulator.TASKS_PATH)) {
            endpoints.cancel(exchange, endpoints.taskOf(path), path);
        } else {
            replies.error(exchange, 404, "not_found", "Invalid URL (" + method + " " + path + ")");
        }
    }
}
