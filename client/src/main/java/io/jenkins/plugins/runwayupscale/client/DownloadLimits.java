package io.jenkins.plugins.runwayupscale.client;

import java.io.Serializable;
import java.time.Duration;

/**
 * What bounds one download: how long the output host may stay silent, how long the whole download may take, how
 * large the output may be, and which API base URL's own origin may serve outputs over plain http. Only JDK types,
 * so a Jenkins plugin can copy the fields into the callable it sends to an agent.
 *
 * @param idleTimeout the longest silence (no byte) before the download is given up
 * @param timeout the longest the whole download may take, redirects included, from the moment it starts
 * @param maxBytes the largest output accepted
 * @param apiBaseUrl the API base URL whose scheme, host and port may serve outputs without further checks (the
 *     simulator serves its outputs itself); null when there is none
 */
public record DownloadLimits(Duration idleTimeout, Duration timeout, long maxBytes, String apiBaseUrl)
        implements Serializable {
    /** No byte for this long ends a download: a live CDN never pauses a minute. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    /** A whole download, when the caller gives no deadline of its own: 4 GB at about 1.2 MB/s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(60);

    /**
     * Runway's largest upscale is at most 4096 px a side and 40 s long; even at 800 Mbit/s (far above what its
     * encoder writes) that is 4 GB.
     */
    public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024 * 1024;

    public DownloadLimits {
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout of a download must be positive, not " + idleTimeout);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout of a download must be positive, not " + timeout);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the largest download must be positive, not " + maxBytes);
        }
    }

    /** The defaults, trusting {@code apiBaseUrl}'s origin (null for none). */
    public static DownloadLimits defaults(String apiBaseUrl) {
        return new DownloadLimits(DEFAULT_IDLE_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_MAX_BYTES, apiBaseUrl);
    }

    public DownloadLimits withTimeout(Duration value) {
        return new DownloadLimits(idleTimeout, value, maxBytes, apiBaseUrl);
    }

    public DownloadLimits withIdleTimeout(Duration value) {
        return new DownloadLimits(value, timeout, maxBytes, apiBaseUrl);
    }

    public DownloadLimits withMaxBytes(long value) {
        return new DownloadLimits(idleTimeout, timeout, value, apiBaseUrl);
    }
}
