package io.jenkins.plugins.runwayupscale.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An output host that lies, on raw sockets: it stalls after the headers, drips a byte at a time, announces more
 * than it sends, streams hundreds of megabytes without a Content-Length (generated, never held), or redirects
 * wherever it is told. Each path has its behaviour; anything else is a 404.
 */
final class LyingHost implements AutoCloseable {
    /** What the host does with one request; it owns the socket from then on (close it, or leave it to close()). */
    interface Behaviour {
        void serve(Socket socket, OutputStream out) throws IOException;
    }

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> daemon(r, "lying-host"));
    private final ScheduledExecutorService drips = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "drip"));
    private final Map<String, Behaviour> paths = new ConcurrentHashMap<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    LyingHost() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        connections.execute(this::accept);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    int requestsPort() {
        return server.getLocalPort();
    }

    String url(String path) {
        return baseUrl() + path;
    }

    LyingHost on(String path, Behaviour behaviour) {
        paths.put(path, behaviour);
        return this;
    }

    int requests() {
        return requests.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                connections.execute(() -> handle(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void handle(Socket socket) {
        try {
            String path = requestPath(socket.getInputStream());
            requests.incrementAndGet();
            paths.getOrDefault(path, status(404, "no such output")).serve(socket, socket.getOutputStream());
        } catch (IOException gone) {
            closeQuietly(socket);
        }
    }

    /** Reads the request head and returns its path (without the query). */
    private static String requestPath(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed before the request ended");
            }
            head.append((char) c);
        }
        String target = head.toString().split(" ", 3)[1];
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    static Behaviour status(int status, String body) {
        return (socket, out) -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            head(out, status, "Content-Length: " + bytes.length);
            out.write(bytes);
            out.flush();
            socket.close();
        };
    }

    static Behaviour ok(byte[] body) {
        return (socket, out) -> {
            head(out, 200, "Content-Length: " + body.length);
            out.write(body);
            out.flush();
            socket.close();
        };
    }

    static Behaviour redirect(String location) {
        return (socket, out) -> {
            head(out, 302, "Location: " + location, "Content-Length: 0");
            socket.close();
        };
    }

    /** Announces {@code declared} bytes, sends {@code sent}, then holds the connection open without a word. */
    static Behaviour stallAfter(long declared, int sent) {
        return (socket, out) -> {
            head(out, 200, "Content-Length: " + declared);
            out.write(new byte[sent]);
            out.flush();
        };
    }

    /** Announces {@code declared} bytes, sends {@code sent}, then closes: a body cut short. */
    static Behaviour cutShort(long declared, int sent) {
        return (socket, out) -> {
            head(out, 200, "Content-Length: " + declared);
            out.write(new byte[sent]);
            out.flush();
            socket.close();
        };
    }

    /** Streams {@code bytes} without a Content-Length (the body ends when the connection closes), 64 KB at a time. */
    static Behaviour endless(long bytes) {
        return (socket, out) -> {
            head(out, 200);
            byte[] chunk = new byte[64 * 1024];
            for (long sent = 0; sent < bytes; sent += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, bytes - sent));
            }
            out.flush();
            socket.close();
        };
    }

    /** Announces {@code declared} bytes and sends one every {@code every}, never falling silent for long. */
    Behaviour drip(long declared, Duration every) {
        return (socket, out) -> {
            head(out, 200, "Content-Length: " + declared);
            drips.scheduleAtFixedRate(
                    () -> {
                        try {
                            out.write('x');
                            out.flush();
                        } catch (IOException gone) {
                            throw new IllegalStateException("the client hung up", gone);
                        }
                    },
                    0,
                    every.toMillis(),
                    TimeUnit.MILLISECONDS);
        };
    }

    private static void head(OutputStream out, int status, String... headers) throws IOException {
        StringBuilder head =
                new StringBuilder("HTTP/1.1 " + status + " X\r\nContent-Type: video/mp4\r\nConnection: close\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(LyingHost::closeQuietly);
        drips.shutdownNow();
        connections.shutdownNow();
    }
}
