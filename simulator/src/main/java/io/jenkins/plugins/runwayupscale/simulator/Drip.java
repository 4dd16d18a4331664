package io.jenkins.plugins.runwayupscale.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/** Sends an answer's body one byte per interval on the simulator's timer: a server that never quite answers. */
final class Drip {
    private final RunwaySimulator simulator;
    private final HttpExchange exchange;
    private final byte[] body;
    private final Duration interval;
    private OutputStream out;

    Drip(RunwaySimulator simulator, HttpExchange exchange, byte[] body, Duration interval) {
        this.simulator = simulator;
        this.exchange = exchange;
        this.body = body;
        this.interval = interval;
    }

    void start() throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        out = exchange.getResponseBody();
        simulator.later(interval, () -> send(0));
    }

    private void send(int index) {
        try {
            out.write(body[index]);
            out.flush();
            if (index + 1 < body.length) {
                simulator.later(interval, () -> send(index + 1));
                return;
            }
        } catch (IOException | RuntimeException e) {
            // The client gave up; that is what a drip is for.
        }
        exchange.close();
    }
}
