package io.jenkins.plugins.runwayupscale.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A local stand-in for CometAPI's Runway upscale endpoints on the JDK's HTTP server, bound to 127.0.0.1: submit,
 * read and cancel tasks whose lives follow {@link TaskScenario}s on a time scale, download their generated outputs,
 * with faults injected by rule and every request counted.
 */
public final class RunwaySimulator implements AutoCloseable {
    public static final String SUBMIT_PATH = "/runwayml/v1/video_upscale";
    public static final String TASKS_PATH = "/runwayml/v1/tasks/";
    public static final String OUTPUTS_PATH = "/outputs/";
    public static final String STATS_PATH = "/_simulator/stats";

    static {
        // The JDK server closes a connection at once when more than 200 are idle; with thousands of clients
        // polling, that closes connections a client is about to reuse, which no real API does this eagerly.
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
        }
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm holds the body
        // until the client's delayed ACK arrives, adding about 40 ms to every answer.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Settings settings;
    private final TaskStore tasks;
    private final List<FaultRule> faultRules;
    private final RequestLog log;
    private final RateLimit rateLimit;
    private volatile int cancelRefusal;
    private HttpServer server;
    private ExecutorService executor;
    private ScheduledExecutorService timer;

    private RunwaySimulator(Builder builder) {
        this.settings = new Settings(
                builder.apiKey,
                builder.port,
                builder.timeScale,
                builder.clock,
                builder.defaultScenario,
                builder.shape,
                builder.recordRequests ? builder.maxRecordedRequests : 0,
                builder.threads,
                Set.copyOf(builder.models));
        this.tasks = new TaskStore(settings.clock(), settings.timeScale(), settings.defaultScenario());
        this.faultRules = new CopyOnWriteArrayList<>(builder.faults);
        this.log = new RequestLog(settings.recordLimit());
        this.rateLimit = builder.rateLimit > 0 ? new RateLimit(builder.rateLimit, settings.clock()) : null;
        this.cancelRefusal = builder.cancelRefusal;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening; returns this. */
    public synchronized RunwaySimulator start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        HttpServer created;
        try {
            created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the simulator on port " + settings.port(), e);
        }
        executor = Executors.newFixedThreadPool(settings.threads(), daemons("runway-simulator-"));
        timer = Executors.newSingleThreadScheduledExecutor(daemons("runway-simulator-timer-"));
        created.setExecutor(executor);
        created.createContext("/", new SimulatorHandler(this, settings.apiKey()));
        created.start();
        server = created;
        return this;
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The per-key rate limit, or null without one. */
    RateLimit rateLimit() {
        return rateLimit;
    }

    /** The base URL to give a client, e.g. {@code http://127.0.0.1:43125}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The port it listens on (a free one when built with port 0). */
    public int port() {
        HttpServer running = server;
        if (running == null) {
            throw new IllegalStateException("the simulator is not started");
        }
        return running.getAddress().getPort();
    }

    /** The key clients must send; for handing to a client under test, never for printing. */
    public String apiKey() {
        return settings.apiKey();
    }

    /** Tasks whose video URI matches get this scenario (the newest matching rule wins). */
    public RunwaySimulator scenarioFor(Predicate<String> videoUri, TaskScenario scenario) {
        tasks.addRule(Objects.requireNonNull(videoUri), Objects.requireNonNull(scenario));
        return this;
    }

    /** Tasks whose video URI contains the text get this scenario. */
    public RunwaySimulator scenarioFor(String videoUriContains, TaskScenario scenario) {
        Objects.requireNonNull(videoUriContains);
        return scenarioFor(uri -> uri.contains(videoUriContains), scenario);
    }

    /** Adds a fault rule; when several match a request, the one added first applies. */
    public RunwaySimulator fault(FaultRule rule) {
        faultRules.add(Objects.requireNonNull(rule));
        return this;
    }

    public RunwaySimulator clearFaults() {
        faultRules.clear();
        return this;
    }

    /** Whether DELETE cancels (true) or answers 405 as CometAPI may (false). */
    public RunwaySimulator cancelSupported(boolean supported) {
        this.cancelRefusal = supported ? 0 : 405;
        return this;
    }

    /** Makes DELETE answer this status (404 or 405: "not supported here") instead of cancelling. */
    public RunwaySimulator cancelRefusedWith(int status) {
        this.cancelRefusal = Builder.refusal(status);
        return this;
    }

    /** The requests kept so far, oldest first (the most recent ones when there were more than the limit). */
    public List<RecordedRequest> requests() {
        return log.records();
    }

    /** Kept requests of this method ({@code "*"} for any) whose path starts with the prefix. */
    public long count(String method, String pathPrefix) {
        return log.count(Objects.requireNonNull(method), Objects.requireNonNull(pathPrefix));
    }

    /** All POSTs, counted even when records are not kept. */
    public long postCount() {
        return log.posts();
    }

    /** GETs of {@code /runwayml/v1/tasks/...}, counted even when records are not kept. */
    public long taskReadCount() {
        return log.taskReads();
    }

    /** All DELETEs, counted even when records are not kept. */
    public long deleteCount() {
        return log.deletes();
    }

    /** GETs of {@code /outputs/...}, counted even when records are not kept. */
    public long downloadCount() {
        return log.downloads();
    }

    public int taskCount() {
        return tasks.size();
    }

    /** Ids of the tasks created so far. */
    public Set<String> taskIds() {
        return tasks.ids();
    }

    /** Forgets requests, counts, tasks and faults (keeps scenario rules). */
    public void reset() {
        log.clear();
        tasks.clear();
        faultRules.clear();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        HttpServer running = server;
        return "RunwaySimulator[" + (running == null ? "not started" : baseUrl()) + ", " + settings + "]";
    }

    Settings settings() {
        return settings;
    }

    TaskStore tasks() {
        return tasks;
    }

    RequestLog log() {
        return log;
    }

    int cancelRefusal() {
        return cancelRefusal;
    }

    Fault faultFor(String method, String path, SimulatedTask task) {
        Instant now = settings.clock().instant();
        for (FaultRule rule : faultRules) {
            if (rule.matches(method, path, task, now)) {
                return rule.fault();
            }
        }
        return null;
    }

    /** Runs the action on a server thread after a real-time delay. */
    void later(Duration delay, Runnable action) {
        try {
            timer.schedule(
                    () -> {
                        try {
                            executor.execute(action);
                        } catch (RejectedExecutionException e) {
                            // Closing: the server is gone and so is the connection.
                        }
                    },
                    delay.toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Closing, as above.
        }
    }

    /** Simulator settings; every one has a default that suits a test. */
    public static final class Builder {
        private String apiKey = "sim-key";
        private int port;
        private double timeScale = 1.0;
        private Clock clock = Clock.systemUTC();
        private TaskScenario defaultScenario = TaskScenario.standard();
        private ResponseShape shape = ResponseShape.BARE;
        private boolean recordRequests = true;
        private int maxRecordedRequests = 100_000;
        private int threads = 8;
        private int cancelRefusal;
        private int rateLimit;
        private final Set<String> models =
                new LinkedHashSet<>(List.of("upscale_v1", "magnific_video_upscaler_creative"));
        private final List<FaultRule> faults = new ArrayList<>();

        private Builder() {}

        /** The bearer key clients must send (never logged); default {@code sim-key}. */
        public Builder apiKey(String value) {
            this.apiKey = Objects.requireNonNull(value);
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be 0..65535");
            }
            this.port = value;
            return this;
        }

        /** Real time per task time: 0.01 runs a 90 s task in 0.9 s. */
        public Builder timeScale(double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("time scale must be positive");
            }
            this.timeScale = value;
            return this;
        }

        /** The clock task lives are computed from; tests move a clock of their own instead of waiting. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /** The scenario of tasks that no {@link RunwaySimulator#scenarioFor} rule matches. */
        public Builder defaultScenario(TaskScenario value) {
            this.defaultScenario = Objects.requireNonNull(value);
            return this;
        }

        /** The shape of task reads whose scenario names none; default {@link ResponseShape#BARE}. */
        public Builder shape(ResponseShape value) {
            this.shape = Objects.requireNonNull(value);
            return this;
        }

        /** Off for big runs: only counts are kept then. */
        public Builder recordRequests(boolean value) {
            this.recordRequests = value;
            return this;
        }

        /** How many of the most recent requests are kept (default 100,000); counts stay exact beyond. */
        public Builder maxRecordedRequests(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("keep at least one request, or turn recording off");
            }
            this.maxRecordedRequests = value;
            return this;
        }

        /** Server threads (default 8); each download being streamed holds one. */
        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = value;
            return this;
        }

        /** The models a submission may name (default upscale_v1 and magnific_video_upscaler_creative). */
        public Builder models(String... names) {
            models.clear();
            models.addAll(List.of(names));
            return this;
        }

        /** Starts with this fault rule in place, as {@link RunwaySimulator#fault} would add it. */
        public Builder fault(FaultRule rule) {
            faults.add(Objects.requireNonNull(rule));
            return this;
        }

        /**
         * At most this many API requests per second of the clock per key (0, the default: no limit); beyond that,
         * 429 {@code rate_limit_exceeded} with {@code Retry-After} until the second ends.
         */
        public Builder rateLimit(int requestsPerSecond) {
            if (requestsPerSecond < 0) {
                throw new IllegalArgumentException("the rate limit is a number of requests per second, 0 for none");
            }
            this.rateLimit = requestsPerSecond;
            return this;
        }

        /** Whether DELETE cancels (true, the default) or answers 405 (false). */
        public Builder cancelSupported(boolean supported) {
            this.cancelRefusal = supported ? 0 : 405;
            return this;
        }

        /** Makes DELETE answer this status (404 or 405) instead of cancelling. */
        public Builder cancelRefusedWith(int status) {
            this.cancelRefusal = refusal(status);
            return this;
        }

        static int refusal(int status) {
            if (status != 404 && status != 405) {
                throw new IllegalArgumentException("a refused cancel answers 404 or 405");
            }
            return status;
        }

        public RunwaySimulator build() {
            return new RunwaySimulator(this);
        }
    }
}
