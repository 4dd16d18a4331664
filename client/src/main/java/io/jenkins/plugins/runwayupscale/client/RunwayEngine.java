package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The shared machinery: one async HTTP client and one scheduler for every task in the JVM, however many are
 * waited on. Create one, hand out {@link RunwayClient}s per key and settings, close it at shutdown.
 */
public final class RunwayEngine implements AutoCloseable {
    private static final int MAX_KEYS = 1024;
    private final Scheduler scheduler;
    private final PollingPolicy pollingPolicy;
    private final RetryingCaller caller;
    private final InlineSlots inlineSlots;
    private final double maxRequestsPerSecond;
    private final Map<String, RequestBudget> budgets = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RequestBudget> eldest) {
            return size() > MAX_KEYS;
        }
    };
    private final OutputDownloader downloader;
    /** How often an engine that owns its network checks that the I/O reactor still runs. */
    static final Duration WATCH_INTERVAL = Duration.ofSeconds(5);

    private final HttpTransport transport;
    private final AutoCloseable[] owned;
    private volatile boolean closed;

    private RunwayEngine(Builder b, HttpTransport transport, Scheduler scheduler, AutoCloseable... owned) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.pollingPolicy = b.pollingPolicy == null ? new ProgressAwarePollingPolicy() : b.pollingPolicy;
        this.maxRequestsPerSecond = b.config.maxRequestsPerSecond();
        this.inlineSlots = new InlineSlots(b.config.maxInlineSubmissions());
        this.caller = new RetryingCaller(transport, scheduler, new Backoff(b.random), inlineSlots);
        this.downloader = new OutputDownloader(transport, scheduler, b.resolver);
        this.owned = owned;
    }

    /** A real engine with default settings. */
    public static RunwayEngine start() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A client for one key and one set of settings; cheap, create one per build or command. */
    public RunwayClient client(RunwaySettings settings, ApiKey key) {
        return new RunwayClient(this, Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(key, "key"));
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * False once the engine is closed or its network can send nothing more (an Error killed the I/O reactor's
     * thread): whoever holds it must build a new one for the next call. Waits that were in flight end with an error.
     */
    public boolean isActive() {
        return !closed && transport.isActive();
    }

    HttpTransport transport() {
        return transport;
    }

    /** Exchanges stranded by a dead reactor would never complete: fail them, checking every few seconds. */
    private void watch(ApacheHttpTransport network) {
        if (closed) {
            return;
        }
        network.failStrandedExchanges();
        if (network.isActive()) {
            scheduler.schedule(WATCH_INTERVAL, () -> watch(network));
        }
    }

    PollingPolicy pollingPolicy() {
        return pollingPolicy;
    }

    /** One budget per key, shared by every client of that key (a key seen long ago may start afresh). */
    RequestBudget budget(ApiKey key) {
        synchronized (budgets) {
            return budgets.computeIfAbsent(key.fingerprint(), k -> new RequestBudget(scheduler, maxRequestsPerSecond));
        }
    }

    InlineSlots inlineSlots() {
        return inlineSlots;
    }

    RetryingCaller caller() {
        return caller;
    }

    OutputDownloader downloader() {
        return downloader;
    }

    @Override
    public void close() {
        closed = true;
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing at shutdown: nothing useful to do with a failure here
            }
        }
    }

    /** Puts an engine together; anything not given is the real thing (network, system clock). */
    public static final class Builder {
        private EngineConfig config = EngineConfig.builder().build();
        private HttpTransport transport;
        private Scheduler scheduler;
        private RandomGenerator random = RandomGenerator.getDefault();
        private PollingPolicy pollingPolicy;
        private OutputHosts.Resolver resolver = OutputHosts.SYSTEM;

        private Builder() {}

        /** How output hosts are looked up before a download connects; replace it to fake DNS in tests. */
        public Builder resolver(OutputHosts.Resolver value) {
            this.resolver = Objects.requireNonNull(value);
            return this;
        }

        public Builder config(EngineConfig value) {
            this.config = Objects.requireNonNull(value);
            return this;
        }

        /** Replaces the network, e.g. with an in-memory fake for simulations. */
        public Builder transport(HttpTransport value) {
            this.transport = value;
            return this;
        }

        /** Replaces real time, e.g. with a {@link VirtualScheduler}. */
        public Builder scheduler(Scheduler value) {
            this.scheduler = value;
            return this;
        }

        /** The randomness of backoff jitter; seed it for repeatable tests. */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value);
            return this;
        }

        public Builder pollingPolicy(PollingPolicy value) {
            this.pollingPolicy = value;
            return this;
        }

        public RunwayEngine build() {
            List<AutoCloseable> owned = new ArrayList<>();
            HttpTransport t = transport;
            if (t == null) {
                ApacheHttpTransport apache = new ApacheHttpTransport(config);
                owned.add(apache);
                t = apache;
            }
            Scheduler s = scheduler;
            if (s == null) {
                SystemScheduler system = new SystemScheduler();
                owned.add(system);
                s = system;
            }
            RunwayEngine engine = new RunwayEngine(this, t, s, owned.toArray(new AutoCloseable[0]));
            if (t instanceof ApacheHttpTransport network) {
                s.schedule(WATCH_INTERVAL, () -> engine.watch(network));
            }
            return engine;
        }
    }
}
