package io.jenkins.plugins.runwayupscale.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server at the HTTP level that holds every request open until the test answers it: it reads each body to its end
 * (counting what it got against its Content-Length, keeping nothing) or, when told to, reads nothing at all, so the
 * client meets back-pressure with its body unsent, or refuses the key at once without reading the body.
 */
final class HoldingServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    /** What the server does with a request. */
    enum Mode {
        READ_AND_HOLD,
        STALL,
        REFUSE_UNREAD
    }

    private final Mode mode;
    private final BlockingQueue<HttpExchange> held = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    final AtomicInteger arrived = new AtomicInteger();
    final AtomicInteger completeBodies = new AtomicInteger();
    final AtomicInteger incompleteBodies = new AtomicInteger();
    final List<Long> bodyLengths = new CopyOnWriteArrayList<>();

    HoldingServer(boolean readBodies) throws IOException {
        this(readBodies ? Mode.READ_AND_HOLD : Mode.STALL);
    }

    HoldingServer(Mode mode) throws IOException {
        this.mode = mode;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) {
        arrived.incrementAndGet();
        if (mode == Mode.STALL) {
            held.add(exchange);
            return;
        }
        if (mode == Mode.REFUSE_UNREAD) {
            refuse(exchange);
            return;
        }
        long declared = Long.parseLong(exchange.getRequestHeaders().getFirst("Content-Length"));
        long read;
        try (InputStream in = exchange.getRequestBody()) {
            read = in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // The client cut the body short: a real server would never see a complete request.
            incompleteBodies.incrementAndGet();
            exchange.close();
            return;
        }
        if (read != declared) {
            incompleteBodies.incrementAndGet();
            exchange.close();
            return;
        }
        bodyLengths.add(read);
        completeBodies.incrementAndGet();
        held.add(exchange);
    }

    private static void refuse(HttpExchange exchange) {
        byte[] body = "{\"error\":{\"message\":\"Invalid token\",\"code\":\"invalid_api_key\"}}"
                .getBytes(StandardCharsets.UTF_8);
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // The client may already have given up; the test looks at what it got.
        }
    }

    /** Answers the oldest request held with a new task id; false when none is held. */
    boolean answerOne() throws IOException {
        HttpExchange exchange = held.poll();
        if (exchange == null) {
            return false;
        }
        byte[] body = ("{\"id\":\"task-" + ids.incrementAndGet() + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        return true;
    }

    int held() {
        return held.size();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
