package io.jenkins.plugins.runwayupscale.client;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The seam between the engine and the network: sends one request asynchronously, never follows redirects,
 * never retries. Network failures complete the future with an {@link java.io.IOException}.
 */
public interface HttpTransport {
    CompletableFuture<HttpAnswer> send(HttpCall call);

    /** Streams a GET's body into a file (only for 2xx answers) without holding it in memory. */
    CompletableFuture<FileFetch> fetchToFile(URI uri, Path file);

    /**
     * Streams a GET's body into a file within the request's bounds: connects to its checked address, fails after
     * its idle timeout of silence and refuses a body over its cap. Transports that cannot (test fakes) fetch
     * plainly.
     */
    default CompletableFuture<FileFetch> fetchToFile(FileRequest request) {
        return fetchToFile(request.uri(), request.file());
    }

    /** False once the transport can send nothing more (its I/O thread has stopped); its owner then replaces it. */
    default boolean isActive() {
        return true;
    }
}
