package io.jenkins.plugins.runwayupscale.client;

import java.io.InterruptedIOException;
import java.net.URI;

/**
 * What a failed download says, in words: how far it got, which limit ended it, the output host's status and the
 * URL's host and path. Never anything of the output host's body, nor the URL's query (it signs the URL).
 */
final class DownloadFailures {
    private final DownloadLimits limits;
    private final DownloadProgress progress;

    DownloadFailures(DownloadLimits limits, DownloadProgress progress) {
        this.limits = limits;
        this.progress = progress;
    }

    TaskTimedOutException deadline() {
        return new TaskTimedOutException(
                "Downloading the output did not finish within " + Durations.describe(limits.timeout()) + " ("
                        + progress.describe() + " had arrived); it was stopped and nothing was saved.",
                CallFacts.LOCAL);
    }

    /** Says plainly that the URL expired when that is the likely cause (Runway keeps outputs 24-48 hours). */
    InvalidResponseException status(URI uri, int status) {
        String hint = status == 403 || status == 404 || status == 410
                ? ": the output URL has expired or no longer exists (Runway keeps outputs for 24-48 hours)."
                        + " Read the task again for a fresh URL, or upscale the video again."
                : ".";
        return new InvalidResponseException(
                "Downloading the output from " + OutputHosts.describe(uri) + " failed with HTTP " + status + hint,
                facts(status));
    }

    InvalidResponseException tooManyRedirects(int status) {
        return new InvalidResponseException(
                "Downloading the output was redirected more than " + OutputDownloader.MAX_REDIRECTS
                        + " times; giving up.",
                facts(status));
    }

    InvalidResponseException redirectNotAUrl(int status) {
        return new InvalidResponseException(
                "Downloading the output was redirected to something that is not a URL.", facts(status));
    }

    TransportException cutShort() {
        return new TransportException(
                "Downloading the output was cut short after " + progress.describe()
                        + " (the connection closed); nothing was saved.",
                true,
                null);
    }

    /** A fetch that ended with an exception: over the cap, silent for too long, cut short, or no connection. */
    RunwayException failed(URI uri, Throwable cause) {
        if (cause instanceof OversizedDownload big) {
            String cap = ByteSizes.limit(limits.maxBytes());
            return new InvalidResponseException(
                    big.announced()
                            ? "The output is " + ByteSizes.over(big.bytes(), limits.maxBytes())
                                    + ", over the download limit of " + cap
                                    + "; it was refused before its body was read and nothing was saved."
                            : "The output passed the download limit of " + cap + " without announcing its size"
                                    + " (stopped at " + ByteSizes.over(big.bytes(), limits.maxBytes())
                                    + "); nothing was saved.",
                    facts(200));
        }
        if (cause instanceof InterruptedIOException) {
            return new TransportException(
                    "Downloading the output stalled: nothing arrived for " + Durations.describe(limits.idleTimeout())
                            + " (" + progress.describe() + " had arrived); it was stopped and nothing was saved.",
                    true,
                    null);
        }
        if (progress.started()) {
            return cutShort();
        }
        return new TransportException(
                "Downloading the output from " + OutputHosts.describe(uri) + " failed: "
                        + Excerpt.cut(String.valueOf(cause.getMessage()), 200) + ".",
                true,
                null);
    }

    /** The output host's answer: no task id or request id of CometAPI's, only the status. */
    private static CallFacts facts(int status) {
        return new CallFacts(null, status, null);
    }
}
