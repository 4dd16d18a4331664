package io.jenkins.plugins.runwayupscale.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps the real transport to know when no request is in flight (counted down only after the engine's own
 * callbacks ran) and when, in virtual time, each request went out.
 */
final class CountingTransport implements HttpTransport {
    private final HttpTransport delegate;
    private final Scheduler clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    final List<Instant> sentAt = new CopyOnWriteArrayList<>();
    final List<HttpCall> calls = new CopyOnWriteArrayList<>();

    CountingTransport(HttpTransport delegate, Scheduler clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<HttpAnswer> send(HttpCall call) {
        inFlight.incrementAndGet();
        sentAt.add(clock.now());
        calls.add(call);
        CompletableFuture<HttpAnswer> out = new CompletableFuture<>();
        CompletableFuture<HttpAnswer> real = delegate.send(call);
        out.whenComplete((a, e) -> {
            if (out.isCancelled()) {
                real.cancel(true);
            }
        });
        real.whenComplete((answer, error) -> {
            try {
                if (error != null) {
                    out.completeExceptionally(error);
                } else {
                    out.complete(answer);
                }
            } finally {
                inFlight.decrementAndGet();
            }
        });
        return out;
    }

    @Override
    public CompletableFuture<FileFetch> fetchToFile(URI uri, Path file) {
        return delegate.fetchToFile(uri, file);
    }

    @Override
    public CompletableFuture<FileFetch> fetchToFile(FileRequest request) {
        return delegate.fetchToFile(request);
    }

    int inFlight() {
        return inFlight.get();
    }
}
