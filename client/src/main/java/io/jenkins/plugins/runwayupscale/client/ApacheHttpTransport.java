package io.jenkins.plugins.runwayupscale.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.RequestNotExecutedException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.IOReactorStatus;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClient 5 (async) behind {@link HttpTransport}: a fixed few I/O threads serve every request. No idle
 * connection evictor thread: stale pooled connections are re-validated after two seconds of inactivity instead.
 */
final class ApacheHttpTransport implements HttpTransport, AutoCloseable {
    private static final int SESSION_BUFFER = 32 * 1024;
    /** Every answer that is not a download: CometAPI's are a few kilobytes. */
    static final int BODY_LIMIT = 1024 * 1024;

    private final CloseableHttpAsyncClient client;
    private final PoolingAsyncClientConnectionManager connections;
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private final Duration responseTimeout;

    ApacheHttpTransport(EngineConfig config) {
        responseTimeout = config.responseTimeout();
        connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(config.connectTimeout()))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .setDefaultTlsConfig(TlsConfig.custom()
                        .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                        .build())
                .setMaxConnTotal(256)
                .setMaxConnPerRoute(64)
                .build();
        HttpAsyncClientBuilder builder = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(config.ioThreads())
                        .build())
                // 32 KB session buffers: downloads keep pace with curl, and 64 connections hold only 4 MB.
                .setHttp1Config(
                        Http1Config.custom().setBufferSize(SESSION_BUFFER).build())
                .setThreadFactory(new NamedDaemonThreads("runway-upscale-io"))
                // A POST must never be replayed by the library: we decide about retries ourselves.
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .setUserAgent(UserAgent.VALUE)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(config.responseTimeout()))
                        .setConnectionRequestTimeout(Timeout.ofMinutes(2))
                        .build());
        ProxySettings proxy = config.proxy();
        if (proxy != null) {
            builder.setRoutePlanner(new ProxyRoutePlanner(proxy));
            if (proxy.username() != null) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(
                        new AuthScope(proxy.host(), proxy.port()),
                        new UsernamePasswordCredentials(proxy.username(), proxy.password()));
                builder.setDefaultCredentialsProvider(credentials);
            }
        }
        client = builder.build();
        client.start();
    }

    @Override
    public CompletableFuture<HttpAnswer> send(HttpCall call) {
        CompletableFuture<HttpAnswer> answer = new CompletableFuture<>();
        if (!isActive()) {
            // Refused here, so certainly never sent: even a submission may be made again on a new engine.
            answer.completeExceptionally(
                    new RequestNotExecutedException(stopped().getMessage()));
            return answer;
        }
        CappedConsumer consumer = new CappedConsumer(answer);
        Future<HttpAnswer> inFlight =
                client.execute(producer(call, answer), consumer, new Completion<>(answer, a -> a));
        cancelWith(answer, inFlight);
        track(answer);
        return answer;
    }

    /** Bodies go with their Content-Length, never chunked: some gateways refuse chunked uploads. */
    private static AsyncRequestProducer producer(HttpCall call, CompletableFuture<HttpAnswer> answer) {
        if (call.upload() != null) {
            AsyncRequestBuilder request = AsyncRequestBuilder.create(call.method())
                    .setUri(call.uri())
                    .setEntity(new StreamedEntityProducer(call.upload(), answer));
            call.headers().forEach(request::addHeader);
            return request.build();
        }
        SimpleRequestBuilder request =
                SimpleRequestBuilder.create(call.method()).setUri(call.uri());
        call.headers().forEach(request::addHeader);
        if (call.body() != null) {
            request.setBody(call.body().getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON);
        }
        return SimpleRequestProducer.create(request.build());
    }

    /** Whether the I/O reactor still runs; once it has stopped, no request can be sent or answered again. */
    @Override
    public boolean isActive() {
        IOReactorStatus status = client.getStatus();
        return status != IOReactorStatus.SHUTTING_DOWN && status != IOReactorStatus.SHUT_DOWN;
    }

    /**
     * Ends every exchange still waiting for an answer when the I/O reactor has stopped under it (an Error on its
     * thread): their answers would never come. Called by the engine's watchdog; cheap when all is well.
     */
    void failStrandedExchanges() {
        if (isActive()) {
            return;
        }
        IOException stopped = stopped();
        pending.forEach(f -> f.completeExceptionally(stopped));
    }

    private static IOException stopped() {
        return new IOException("the engine's network thread has stopped (I/O reactor no longer active);"
                + " the engine is replaced on the next call");
    }

    private void track(CompletableFuture<?> answer) {
        pending.add(answer);
        answer.whenComplete((v, e) -> pending.remove(answer));
    }

    @Override
    public CompletableFuture<FileFetch> fetchToFile(URI uri, Path file) {
        return fetchToFile(new FileRequest(uri, null, file, responseTimeout, Long.MAX_VALUE, new DownloadProgress()));
    }

    @Override
    public CompletableFuture<FileFetch> fetchToFile(FileRequest request) {
        CompletableFuture<FileFetch> result = new CompletableFuture<>();
        if (!isActive()) {
            result.completeExceptionally(stopped());
            return result;
        }
        // The response timeout is the socket's idle timeout for the whole exchange, body included.
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(request.idleTimeout()))
                .setConnectionRequestTimeout(Timeout.ofMinutes(2))
                .build());
        FileConsumer consumer = new FileConsumer(request, result);
        // Registered first, so it runs in whichever thread ends the fetch: no file can appear after that.
        result.whenComplete((fetch, error) -> {
            if (error != null) {
                consumer.abandon();
            }
        });
        Future<FileFetch> inFlight = client.execute(
                target(request),
                AsyncRequestBuilder.get(request.uri()).build(),
                consumer,
                null,
                context,
                new Completion<>(result, f -> f));
        cancelWith(result, inFlight);
        track(result);
        return result;
    }

    /**
     * The host to connect to: the checked address when there is one, so the name is not looked up again (it could
     * answer differently the second time); TLS still checks the certificate against the name.
     */
    private static HttpHost target(FileRequest request) {
        URI uri = request.uri();
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return request.address() == null
                ? new HttpHost(scheme, uri.getHost(), port)
                : new HttpHost(scheme, request.address(), uri.getHost(), port);
    }

    private static void cancelWith(CompletableFuture<?> outer, Future<?> inFlight) {
        outer.whenComplete((value, error) -> {
            if (outer.isCancelled()) {
                inFlight.cancel(true);
            }
        });
    }

    static Map<String, String> headers(HttpResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : response.getHeaders()) {
            headers.putIfAbsent(h.getName().toLowerCase(Locale.ROOT), h.getValue());
        }
        return headers;
    }

    /** Connections taken from the pool and not yet given back: an exchange cut off must not keep one. */
    int leasedConnections() {
        return connections.getTotalStats().getLeased();
    }

    @Override
    public void close() {
        // Every call is over or abandoned when the engine closes; a graceful close would wait for a server that
        // never finishes answering.
        client.close(CloseMode.IMMEDIATE);
    }

    private static final class Completion<S, T> implements FutureCallback<S> {
        private final CompletableFuture<T> target;
        private final Function<S, T> mapper;

        Completion(CompletableFuture<T> target, Function<S, T> mapper) {
            this.target = target;
            this.mapper = mapper;
        }

        @Override
        public void completed(S result) {
            target.complete(mapper.apply(result));
        }

        @Override
        public void failed(Exception ex) {
            target.completeExceptionally(ex);
        }

        @Override
        public void cancelled() {
            target.cancel(false);
        }
    }

    /**
     * Reads an API answer into memory, at most {@link #BODY_LIMIT} bytes: refused at once when its Content-Length
     * says more, and as soon as more arrives otherwise, so a hostile body can never exhaust the heap. Also stops
     * reading once the caller has given up (a cancelled exchange ends at the next bytes that arrive).
     */
    private static final class CappedConsumer extends AbstractBinResponseConsumer<HttpAnswer> {
        private final CompletableFuture<HttpAnswer> caller;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int status;
        private Map<String, String> headers;
        private Charset charset = StandardCharsets.UTF_8;

        CappedConsumer(CompletableFuture<HttpAnswer> caller) {
            this.caller = caller;
        }

        @Override
        protected void start(HttpResponse response, ContentType contentType) throws IOException {
            if (caller.isDone()) {
                throw new IOException("the caller no longer waits for this answer");
            }
            status = response.getCode();
            headers = ApacheHttpTransport.headers(response);
            if (contentType != null && contentType.getCharset() != null) {
                charset = contentType.getCharset();
            }
            Header length = response.getFirstHeader("Content-Length");
            if (length != null) {
                long declared;
                try {
                    declared = Long.parseLong(length.getValue().trim());
                } catch (NumberFormatException e) {
                    throw new IOException("the answer's Content-Length is not a number");
                }
                if (declared > BODY_LIMIT) {
                    throw new OversizedAnswer("the answer (HTTP " + status + ") announced " + declared
                            + " bytes; at most " + BODY_LIMIT + " are accepted");
                }
            }
        }

        @Override
        protected int capacityIncrement() {
            return 8 * 1024;
        }

        @Override
        protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
            if (caller.isDone()) {
                throw new IOException("the caller no longer waits for this answer");
            }
            if (body.size() + src.remaining() > BODY_LIMIT) {
                throw new OversizedAnswer("the answer (HTTP " + status + ") was longer than " + BODY_LIMIT
                        + " bytes; it was not read further");
            }
            byte[] chunk = new byte[src.remaining()];
            src.get(chunk);
            body.write(chunk, 0, chunk.length);
        }

        @Override
        protected HttpAnswer buildResult() {
            return new HttpAnswer(status, headers, body.toString(charset));
        }

        @Override
        public void releaseResources() {
            // Nothing held outside the heap; the buffer goes with the consumer.
        }
    }

    /** Sends every request through the proxy except those to hosts on the no-proxy list. */
    private static final class ProxyRoutePlanner extends DefaultRoutePlanner {
        private final ProxySettings proxy;
        private final HttpHost proxyHost;

        ProxyRoutePlanner(ProxySettings proxy) {
            super(DefaultSchemePortResolver.INSTANCE);
            this.proxy = proxy;
            this.proxyHost = new HttpHost(proxy.host(), proxy.port());
        }

        @Override
        protected HttpHost determineProxy(HttpHost target, HttpContext context) {
            return proxy.bypasses(target.getHostName()) ? null : proxyHost;
        }
    }

    /** Daemon threads with a recognisable name, so they never keep a JVM alive and show up clearly in dumps. */
    static final class NamedDaemonThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger counter = new AtomicInteger();

        NamedDaemonThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, prefix + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
