package io.jenkins.plugins.runwayupscale.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Streams an output video to a file in constant memory, within {@link DownloadLimits}: an idle timeout, an overall
 * deadline and a size cap. Writes to a uniquely named {@code .part} file beside the target and renames it at the
 * end, so a broken download never leaves a file that looks complete, and a failed one leaves none at all. Fetches
 * only from where {@link OutputHosts} allows, checking every redirect the same way (at most five). Sends no
 * credentials: output URLs are pre-signed. Never quotes what the output host answered.
 */
final class OutputDownloader {
    static final int MAX_REDIRECTS = 5;
    private static final SecureRandom UNIQUE = new SecureRandom();
    private final HttpTransport transport;
    private final Scheduler scheduler;
    private final OutputHosts.Resolver resolver;
    /** Host names are looked up here, never on the I/O or scheduler threads every task needs. */
    private final Executor lookups;

    OutputDownloader(HttpTransport transport, Scheduler scheduler, OutputHosts.Resolver resolver) {
        this(transport, scheduler, resolver, ForkJoinPool.commonPool());
    }

    OutputDownloader(HttpTransport transport, Scheduler scheduler, OutputHosts.Resolver resolver, Executor lookups) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.resolver = resolver;
        this.lookups = lookups;
    }

    /**
     * Without {@code overwrite}, a target that exists (or appears meanwhile) is never replaced and the future fails
     * with an {@link UncheckedIOException} around a {@link FileAlreadyExistsException}.
     */
    CompletableFuture<DownloadResult> download(
            String outputUrl, Path target, boolean overwrite, DownloadLimits limits) {
        if (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return CompletableFuture.failedFuture(new UncheckedIOException(
                    new FileAlreadyExistsException(target.toString(), null, "already exists")));
        }
        Path part;
        try {
            part = partFile(target);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException(e));
        }
        Download download = new Download(
                new OutputHosts(limits.apiBaseUrl(), resolver),
                target,
                part,
                overwrite,
                limits,
                new DownloadProgress());
        download.deadline = scheduler.schedule(limits.timeout(), download::deadlinePassed);
        CompletableFuture<DownloadResult> result = new CompletableFuture<>();
        // The caller hears of a failure only once no fetch can write any more and the part file is gone: a command
        // line that exits at once must leave nothing behind.
        download.work.whenComplete((saved, error) -> {
            download.deadline.cancel();
            if (error != null) {
                download.stop();
                deleteQuietly(part);
                result.completeExceptionally(error);
            } else {
                result.complete(saved);
            }
        });
        // Cancelling the caller's future (Ctrl-C, an interrupted agent thread) stops the download in that thread.
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                download.work.cancel(true);
            }
        });
        download.hop(outputUrl, 0);
        return result;
    }

    /** A new, empty file of ours beside the target: a name nobody could have planted a link at. */
    private static Path partFile(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Path name = absolute.getFileName();
        if (folder == null || name == null) {
            throw new IOException("Cannot save the output as " + target + ": it names no file in a folder");
        }
        // Created exclusively (never through a link), with the usual permissions: the video is the user's file.
        String unique = Long.toHexString(UNIQUE.nextLong());
        return Files.createFile(folder.resolve("." + name + "." + unique + ".part"));
    }

    /** One download across its redirects. */
    private final class Download {
        final CompletableFuture<DownloadResult> work = new CompletableFuture<>();
        /** The fetch of the current hop; guarded by this. */
        private CompletableFuture<FileFetch> fetching;
        /** Whether the download has ended, so no fetch may start; guarded by this. */
        private boolean stopped;
        /** Ends the download at its deadline; set before the first hop. */
        volatile Scheduler.Scheduled deadline;

        private final OutputHosts hosts;
        private final Path target;
        private final Path part;
        private final boolean overwrite;
        private final DownloadLimits limits;
        private final DownloadProgress progress;
        private final DownloadFailures failures;

        Download(
                OutputHosts hosts,
                Path target,
                Path part,
                boolean overwrite,
                DownloadLimits limits,
                DownloadProgress progress) {
            this.hosts = hosts;
            this.target = target;
            this.part = part;
            this.overwrite = overwrite;
            this.limits = limits;
            this.progress = progress;
            this.failures = new DownloadFailures(limits, progress);
        }

        void hop(String url, int redirects) {
            CompletableFuture.runAsync(() -> fetch(url, redirects), lookups);
        }

        /** Cancels the fetch under way, which closes and deletes what it wrote, and lets no other start. */
        synchronized void stop() {
            stopped = true;
            if (fetching != null) {
                fetching.cancel(true);
            }
        }

        private void fetch(String url, int redirects) {
            if (work.isDone()) {
                return;
            }
            OutputHosts.Destination to;
            try {
                to = hosts.vet(url);
            } catch (InvalidResponseException e) {
                work.completeExceptionally(e);
                return;
            }
            CompletableFuture<FileFetch> current;
            synchronized (this) {
                if (stopped) {
                    return;
                }
                current = transport.fetchToFile(new FileRequest(
                        to.uri(), to.address(), part, limits.idleTimeout(), limits.maxBytes(), progress));
                fetching = current;
            }
            current.whenComplete((fetch, error) -> {
                if (work.isDone()) {
                    return;
                }
                if (error != null) {
                    work.completeExceptionally(failures.failed(to.uri(), Futures.cause(error)));
                } else {
                    answered(to.uri(), fetch, redirects);
                }
            });
        }

        private void answered(URI uri, FileFetch fetch, int redirects) {
            int status = fetch.status();
            if (status >= 200 && status < 300) {
                saved(fetch);
            } else if (status >= 300 && status < 400 && fetch.header("location") != null) {
                if (redirects >= MAX_REDIRECTS) {
                    work.completeExceptionally(failures.tooManyRedirects(status));
                    return;
                }
                URI next;
                try {
                    next = uri.resolve(fetch.header("location"));
                } catch (IllegalArgumentException e) {
                    work.completeExceptionally(failures.redirectNotAUrl(status));
                    return;
                }
                hop(next.toString(), redirects + 1);
            } else {
                work.completeExceptionally(failures.status(uri, status));
            }
        }

        private void saved(FileFetch fetch) {
            long expected = progress.expected();
            if (expected >= 0 && expected != fetch.bytes()) {
                work.completeExceptionally(failures.cutShort());
                return;
            }
            if (!deadline.cancel()) {
                // The deadline passed meanwhile: it fails the download, and the part file goes.
                return;
            }
            try {
                if (overwrite) {
                    // A rename replaces whatever is at the target, a planted link included, and never writes through
                    // it.
                    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    // Without options the move refuses an existing target (an atomic rename would replace it).
                    Files.move(part, target);
                }
                work.complete(new DownloadResult(target, fetch.bytes(), fetch.header("content-type")));
            } catch (IOException e) {
                work.completeExceptionally(new UncheckedIOException("Could not move the download into " + target, e));
            }
        }

        void deadlinePassed() {
            work.completeExceptionally(failures.deadline());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: a stale .part file is named as one and harmless
        }
    }
}
