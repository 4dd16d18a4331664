package io.jenkins.plugins.runwayupscale.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** Writes answers: plain bodies and CometAPI's error envelope with a fresh request id. */
final class Replies {
    private final AtomicLong requestIds = new AtomicLong(20_260_101_000_000L);

    void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        send(exchange, status, "application/json", TaskJson.error(code, message, requestIds.incrementAndGet()));
    }

    static void json(HttpExchange exchange, String body) throws IOException {
        send(exchange, 200, "application/json", body);
    }

    static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
