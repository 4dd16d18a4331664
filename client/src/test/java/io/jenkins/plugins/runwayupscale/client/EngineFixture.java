package io.jenkins.plugins.runwayupscale.client;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real engine (real HTTP to a local WireMock) running on virtual time: tests move the clock and the engine's
 * scheduled polls and retries fire, with no real waiting except for local I/O. Registered as an extension
 * ({@code @RegisterExtension}) it closes itself after each test.
 */
final class EngineFixture implements AutoCloseable, AfterEachCallback {
    static final String KEY = "sk-test-SECRET-0123456789abcdef";
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    final VirtualScheduler scheduler = new VirtualScheduler(START);
    final ApacheHttpTransport apache;
    final CountingTransport transport;
    final RunwayEngine engine;

    EngineFixture() {
        this(EngineConfig.builder().build(), new ProgressAwarePollingPolicy());
    }

    EngineFixture(EngineConfig config, PollingPolicy policy) {
        apache = new ApacheHttpTransport(config);
        transport = new CountingTransport(apache, scheduler);
        engine = RunwayEngine.builder()
                .config(config)
                .transport(transport)
                .scheduler(scheduler)
                .random(new SplittableRandom(42))
                .pollingPolicy(policy)
                .build();
    }

    RunwayClient client(String baseUrl) {
        return client(settings(baseUrl));
    }

    RunwayClient client(RunwaySettings settings) {
        try {
            return engine.client(settings, ApiKey.of(KEY));
        } catch (InvalidInputException e) {
            throw new AssertionError(e);
        }
    }

    static RunwaySettings settings(String baseUrl) {
        try {
            return RunwaySettings.builder().baseUrl(baseUrl).build();
        } catch (InvalidInputException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs virtual time forward, one due action at a time, until the future is done. */
    <T> T drive(CompletableFuture<T> future) throws Throwable {
        while (!future.isDone()) {
            await().atMost(20, TimeUnit.SECONDS).until(() -> future.isDone() || transport.inFlight() == 0);
            if (future.isDone()) {
                break;
            }
            if (!scheduler.runNext()) {
                await().atMost(5, TimeUnit.SECONDS).until(() -> future.isDone() || scheduler.pending() > 0);
            }
        }
        try {
            return future.get();
        } catch (ExecutionException | CompletionException e) {
            throw e.getCause();
        }
    }

    /** Like {@link #drive} but returns the failure the future ended with. */
    Throwable failure(CompletableFuture<?> future) {
        try {
            drive(future);
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected the future to fail");
    }

    Duration elapsed() {
        return Duration.between(START, scheduler.now());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        engine.close();
        apache.close();
    }
}
