package io.jenkins.plugins.runwayupscale.client;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One GET streamed into a file, with what bounds it.
 *
 * @param uri what to fetch
 * @param address the checked address to connect to, or null to look the host up as usual
 * @param file where a 2xx body goes (never through a symbolic link)
 * @param idleTimeout the longest silence of the server before the fetch fails
 * @param maxBytes the largest body accepted: refused on its Content-Length, or as soon as more arrives
 * @param progress counts the body's bytes as they arrive, for messages about a fetch cut short
 */
public record FileRequest(
        URI uri, InetAddress address, Path file, Duration idleTimeout, long maxBytes, DownloadProgress progress) {}
