package io.jenkins.plugins.runwayupscale.client;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A transport that answers every request at once from a function, in the caller's thread; no downloads. */
final class AnsweringTransport implements HttpTransport {
    private final Function<HttpCall, HttpAnswer> answers;

    AnsweringTransport(Function<HttpCall, HttpAnswer> answers) {
        this.answers = answers;
    }

    @Override
    public CompletableFuture<HttpAnswer> send(HttpCall call) {
        return CompletableFuture.completedFuture(answers.apply(call));
    }

    @Override
    public CompletableFuture<FileFetch> fetchToFile(URI uri, Path file) {
        throw new UnsupportedOperationException("no downloads here");
    }
}
