package io.jenkins.plugins.runwayupscale.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;

/**
 * Streams an output video to a file in constant memory. Writes to {@code <file>.part} and renames at the end, so
 * a broken download never leaves a file that looks complete. Follows at most five redirects, and only to URLs
 * that {@link OutputUrls} accepts. Sends no credentials: output URLs are pre-signed and may be on another host.
 */
final class OutputDownloader {
    private static final int MAX_REDIRECTS = 5;
    private final HttpTransport transport;

    OutputDownloader(HttpTransport transport) {
        this.transport = transport;
    }

    /** Without {@code overwrite}, a target that exists (or appears meanwhile) is never replaced. */
    CompletableFuture<DownloadResult> download(String outputUrl, Path target, boolean overwrite) {
        if (outputUrl == null || !OutputUrls.isAcceptable(outputUrl)) {
            return CompletableFuture.failedFuture(InvalidInputException.local(
                    "output URL",
                    "'" + Excerpt.cut(outputUrl, 200) + "' is not an https URL; refusing to download it"));
        }
        if (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return CompletableFuture.failedFuture(new UncheckedIOException(
                    new FileAlreadyExistsException(target.toString(), null, "already exists")));
        }
        Path part = target.resolveSibling(target.getFileName() + ".part");
        CompletableFuture<DownloadResult> result = new CompletableFuture<>();
        fetch(URI.create(outputUrl), new Target(target, part, overwrite), 0, result);
        result.whenComplete((r, e) -> {
            if (e != null) {
                deleteQuietly(part);
            }
        });
        return result;
    }

    /** Where the bytes go: the part file first, then the target. */
    private record Target(Path file, Path part, boolean overwrite) {}

    private void fetch(URI uri, Target target, int redirects, CompletableFuture<DownloadResult> result) {
        CompletableFuture<FileFetch> fetching = transport.fetchToFile(uri, target.part());
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                fetching.cancel(true);
            }
        });
        fetching.whenComplete((fetch, error) -> {
            if (result.isDone()) {
                return;
            }
            if (error != null) {
                Throwable cause = Futures.cause(error);
                result.completeExceptionally(new TransportException(
                        "Downloading the output failed: " + Excerpt.cut(String.valueOf(cause.getMessage()), 200) + ".",
                        true,
                        null));
                return;
            }
            handle(uri, fetch, target, redirects, result);
        });
    }

    private void handle(
            URI uri, FileFetch fetch, Target target, int redirects, CompletableFuture<DownloadResult> result) {
        int status = fetch.status();
        if (status >= 200 && status < 300) {
            try {
                if (target.overwrite()) {
                    Files.move(
                            target.part(),
                            target.file(),
                            StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } else {
                    // Without options the move refuses an existing target (an atomic rename would replace it).
                    Files.move(target.part(), target.file());
                }
                result.complete(new DownloadResult(target.file(), fetch.bytes(), fetch.header("content-type")));
            } catch (IOException e) {
                result.completeExceptionally(
                        new UncheckedIOException("Could not move the download into " + target.file(), e));
            }
            return;
        }
        if (status >= 300 && status < 400 && fetch.header("location") != null) {
            URI next = uri.resolve(fetch.header("location"));
            if (redirects >= MAX_REDIRECTS) {
                result.completeExceptionally(new InvalidResponseException(
                        "Downloading the output was redirected more than " + MAX_REDIRECTS + " times; giving up.",
                        answered(status)));
            } else if (!OutputUrls.isAcceptable(next.toString())) {
                result.completeExceptionally(new InvalidResponseException(
                        "Downloading the output was redirected to a non-https URL; refusing to follow it.",
                        answered(status)));
            } else {
                fetch(next, target, redirects + 1, result);
            }
            return;
        }
        String hint = status == 403 || status == 404 || status == 410
                ? " Output URLs expire (Runway: within 24-48 hours); read the task again for a fresh URL."
                : "";
        result.completeExceptionally(new InvalidResponseException(
                "Downloading the output failed with HTTP " + status + ": \"" + Excerpt.body(fetch.errorBody()) + "\"."
                        + hint,
                answered(status)));
    }

    /** The output host's answer: no task id or request id of CometAPI's, only the status. */
    private static CallFacts answered(int status) {
        return new CallFacts(null, status, null);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: a stale .part file is harmless and is overwritten next time
        }
    }
}
