package io.jenkins.plugins.runwayupscale.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An output host that answers every GET with its headers (a video of 100 MB announced) and then says nothing more,
 * holding the connection open: what a stuck CDN edge or a hostile host looks like to a downloader.
 */
final class StallingHost implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    StallingHost() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "stalling-host");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                held.add(socket);
                readHead(socket.getInputStream());
                socket.getOutputStream()
                        .write(("HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: 104857600\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            } catch (IOException closed) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed before the request ended");
            }
            matched = c == end[matched] ? matched + 1 : c == '\r' ? 1 : 0;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
