package io.jenkins.plugins.runwayupscale.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Streams an output URL into a file on whatever machine calls it (a build agent), blocking the calling thread,
 * with a network and a timer of its own that end with the call: within {@link DownloadLimits} (idle timeout,
 * deadline, size cap), only from where {@link OutputHosts} allows, redirects included, into a uniquely named
 * {@code .part} file beside the target that is renamed over it when every byte arrived. An interrupt of the
 * calling thread (Jenkins aborting the build) stops it at once. Whatever ends it early, no {@code .part} file is
 * left. Proxies come from the JVM's {@code https.proxyHost} and {@code https.proxyPort} properties.
 */
public final class DirectDownload {
    private DirectDownload() {}

    /**
     * As {@link #fetch(String, Path, String, DownloadLimits)} with the default limits, for callers that know no API
     * base URL: only a loopback http URL's own origin is trusted besides public https hosts.
     *
     * @deprecated pass {@link DownloadLimits} with the API base URL, so that a loopback URL is fetched only when
     *     the API itself is there
     */
    @Deprecated
    public static DownloadedVideo fetch(String url, Path target, String name)
            throws RunwayException, IOException, InterruptedException {
        return fetch(url, target, name, DownloadLimits.defaults(loopbackOrigin(url)));
    }

    /**
     * Downloads {@code url} into {@code target}, whose folder must exist; an existing target is replaced in one
     * step. Fails with a {@link TaskTimedOutException} at the deadline, a {@link TransportException} after the idle
     * timeout or when the download is cut short, an {@link InvalidResponseException} when the output is over the
     * cap, gone (HTTP 403, 404, 410: the URL expired) or not at a place outputs may be fetched from.
     *
     * @param name the target as the user named it, for the result
     * @throws InterruptedException when the calling thread is interrupted; the download is stopped first
     */
    public static DownloadedVideo fetch(String url, Path target, String name, DownloadLimits limits)
            throws RunwayException, IOException, InterruptedException {
        return fetch(url, target, name, limits, OutputHosts.SYSTEM);
    }

    static DownloadedVideo fetch(
            String url, Path target, String name, DownloadLimits limits, OutputHosts.Resolver resolver)
            throws RunwayException, IOException, InterruptedException {
        EngineConfig config = EngineConfig.builder().proxy(systemProxy()).build();
        try (SystemScheduler timer = new SystemScheduler();
                ApacheHttpTransport network = new ApacheHttpTransport(config)) {
            CompletableFuture<DownloadResult> download =
                    new OutputDownloader(network, timer, resolver).download(url, target, true, limits);
            DownloadResult result;
            try {
                result = download.get();
            } catch (InterruptedException e) {
                // Cancelling abandons the fetch and deletes the part file in this thread, before we return.
                download.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                throw rethrown(e.getCause());
            }
            return DownloadedVideo.of(result.file(), name, result.contentType());
        }
    }

    /** The download's own failure as this method declares it; never returns normally. */
    private static IOException rethrown(Throwable cause) throws RunwayException, IOException {
        if (cause instanceof RunwayException runway) {
            throw runway;
        }
        if (cause instanceof UncheckedIOException io) {
            throw io.getCause();
        }
        if (cause instanceof IOException io) {
            throw io;
        }
        return new IOException("Downloading the output failed: " + cause, cause);
    }

    /** The URL's scheme, host and port when it is plain http on this machine (a local simulator), else null. */
    private static String loopbackOrigin(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            boolean local = "http".equals(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT))
                    && Hosts.isLoopback(uri.getHost());
            return local ? uri.getScheme() + "://" + uri.getRawAuthority() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ProxySettings systemProxy() {
        String host = System.getProperty("https.proxyHost");
        if (host == null || host.isBlank()) {
            return null;
        }
        int port;
        try {
            port = Integer.parseInt(System.getProperty("https.proxyPort", "443").trim());
        } catch (NumberFormatException e) {
            return null;
        }
        String noProxy = System.getProperty("http.nonProxyHosts", "");
        return new ProxySettings(host, port, null, null, Arrays.asList(noProxy.split("\\|")));
    }
}
