package io.jenkins.plugins.runwayupscale.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Streams an output URL into a file with the Java runtime's own HTTP client, on whatever machine calls it (a build
 * agent), without an engine: into a uniquely named {@code .part} file beside the target, renamed over the target
 * only when every byte arrived, with the SHA-256 computed on the way. Follows at most five redirects, only to URLs
 * {@link OutputUrls} accepts, and sends no credentials (output URLs are pre-signed). Proxies come from the JVM's
 * default proxy selector.
 */
public final class DirectDownload {
    private static final int MAX_REDIRECTS = 5;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration FIRST_BYTE_TIMEOUT = Duration.ofMinutes(5);
    private static final int CHUNK = 64 * 1024;

    private DirectDownload() {}

    /**
     * Downloads {@code url} into {@code target}, whose folder must exist; an existing target is replaced in one step.
     *
     * @param name the target as the user named it, for the result and messages
     */
    public static DownloadedVideo fetch(String url, Path target, String name)
            throws RunwayException, IOException, InterruptedException {
        if (url == null || !OutputUrls.isAcceptable(url)) {
            throw InvalidInputException.local(
                    "output URL", "'" + Excerpt.cut(url, 200) + "' is not an https URL; refusing to download it");
        }
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT);
        ProxySelector proxies = ProxySelector.getDefault();
        if (proxies != null) {
            builder.proxy(proxies);
        }
        HttpClient http = builder.build();
        URI uri = URI.create(url);
        for (int redirects = 0; ; redirects++) {
            HttpResponse<InputStream> answer = http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(FIRST_BYTE_TIMEOUT)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            int status = answer.statusCode();
            if (status >= 200 && status < 300) {
                return save(answer, target, name);
            }
            String location = answer.headers().firstValue("location").orElse(null);
            String excerpt = readExcerpt(answer);
            if (status < 300 || status >= 400 || location == null) {
                throw failed(status, excerpt);
            }
            if (redirects == MAX_REDIRECTS) {
                throw new InvalidResponseException(
                        "Downloading the output was redirected more than " + MAX_REDIRECTS + " times; giving up.");
            }
            uri = uri.resolve(location);
            if (!OutputUrls.isAcceptable(uri.toString())) {
                throw new InvalidResponseException(
                        "Downloading the output was redirected to a non-https URL; refusing to follow it.");
            }
        }
    }

    /** Says plainly that the URL expired when that is the likely cause (Runway's outputs live 24-48 hours). */
    private static InvalidResponseException failed(int status, String excerpt) {
        if (status == 403 || status == 404 || status == 410) {
            return new InvalidResponseException("Downloading the output failed with HTTP " + status
                    + ": the output URL has expired or no longer exists (Runway keeps outputs for 24-48 hours). Read"
                    + " the task again for a fresh URL, or upscale the video again. Server said: \""
                    + Excerpt.cut(excerpt, 200) + "\".");
        }
        return new InvalidResponseException(
                "Downloading the output failed with HTTP " + status + ": \"" + Excerpt.body(excerpt) + "\".");
    }

    private static DownloadedVideo save(HttpResponse<InputStream> answer, Path target, String name)
            throws IOException, InterruptedException, InvalidResponseException {
        Path folder = target.toAbsolutePath().getParent();
        Path fileName = target.getFileName();
        if (folder == null || fileName == null) {
            throw new IOException("Cannot save the output as " + target + ": it names no file in a folder");
        }
        // Not Files.createTempFile: its owner-only mode would survive the rename, and later steps running as another
        // user (or in a container) could not read the video. A new file gets the mode any file created there gets.
        Path part = folder.resolve("." + fileName + "." + UUID.randomUUID() + ".part");
        boolean done = false;
        try {
            MessageDigest sha256 = VideoEncoder.sha256();
            long bytes = 0;
            try (InputStream in = answer.body();
                    OutputStream out =
                            Files.newOutputStream(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[CHUNK];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException("download of " + name + " interrupted");
                    }
                    out.write(buffer, 0, n);
                    sha256.update(buffer, 0, n);
                    bytes += n;
                }
            }
            long expected = answer.headers().firstValueAsLong("content-length").orElse(-1);
            if (expected >= 0 && expected != bytes) {
                throw new InvalidResponseException("Downloading the output was cut short: " + bytes + " of " + expected
                        + " bytes arrived; nothing was saved as " + name + ".");
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            String type = answer.headers().firstValue("content-type").orElse(null);
            return new DownloadedVideo(name, bytes, HexFormat.of().formatHex(sha256.digest()), type);
        } finally {
            if (!done) {
                Files.deleteIfExists(part);
            }
        }
    }

    private static String readExcerpt(HttpResponse<InputStream> answer) {
        try (InputStream in = answer.body()) {
            return new String(in.readNBytes(Excerpt.BODY_LIMIT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no body: " + e.getMessage() + ")";
        }
    }
}
