package io.jenkins.plugins.runwayupscale.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A local stand-in for CometAPI's Runway upscale endpoints on the JDK's HTTP server, bound to 127.0.0.1: submit,
 * read and cancel tasks whose lives follow {@link TaskScenario}s on a time scale, download their generated outputs,
 * with faults injected by rule and every request counted.
 */
public final class RunwaySimulator implements AutoCloseable {
    static final String SUBMIT_PATH = "/runwayml/v1/video_upscale";
    static final String TASKS_PATH = "/runwayml/v1/tasks/";
    static final String OUTPUTS_PATH = "/outputs/";
    static final String STATS_PATH = "/_simulator/stats";

    static {
        // The JDK server closes a connection at once when more than 200 are idle; with thousands of clients
        // polling, that closes connections a client is about to reuse, which no real API does this eagerly.
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
        }
    }

    private final Builder config;
    private final Map<String, SimulatedTask> tasks = new ConcurrentHashMap<>();
    private final List<ScenarioRule> scenarioRules = new CopyOnWriteArrayList<>();
    private final List<FaultRule> faultRules = new CopyOnWriteArrayList<>();
    private final RequestLog log;
    private volatile boolean cancelSupported = true;
    private HttpServer server;
    private ExecutorService executor;

    private RunwaySimulator(Builder config) {
        this.config = config;
        this.log = new RequestLog(config.recordRequests);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening; returns this. */
    public RunwaySimulator start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the simulator on port " + config.port, e);
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(config.threads, r -> {
            Thread t = new Thread(r, "runway-simulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", new SimulatorHandler(this));
        server.start();
        return this;
    }

    /** The base URL to give a client, e.g. {@code http://127.0.0.1:43125}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String apiKey() {
        return config.apiKey;
    }

    /** Tasks whose video URI matches get this scenario (the newest matching rule wins). */
    public RunwaySimulator scenarioFor(Predicate<String> videoUri, TaskScenario scenario) {
        scenarioRules.add(0, new ScenarioRule(videoUri, scenario));
        return this;
    }

    /** Tasks whose video URI contains the text get this scenario. */
    public RunwaySimulator scenarioFor(String videoUriContains, TaskScenario scenario) {
        return scenarioFor(uri -> uri.contains(videoUriContains), scenario);
    }

    public RunwaySimulator fault(FaultRule rule) {
        faultRules.add(rule);
        return this;
    }

    /** Whether DELETE cancels (true) or answers 405 as CometAPI may (false). */
    public RunwaySimulator cancelSupported(boolean supported) {
        this.cancelSupported = supported;
        return this;
    }

    public List<RecordedRequest> requests() {
        return log.records();
    }

    public long postCount() {
        return log.posts();
    }

    public long taskReadCount() {
        return log.taskReads();
    }

    public long deleteCount() {
        return log.deletes();
    }

    public int taskCount() {
        return tasks.size();
    }

    /** Ids of the tasks created so far. */
    public java.util.Set<String> taskIds() {
        return java.util.Set.copyOf(tasks.keySet());
    }

    /** Forgets requests, tasks and faults (keeps scenarios). */
    public void reset() {
        log.clear();
        tasks.clear();
        faultRules.clear();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "RunwaySimulator[" + (server == null ? "not started" : baseUrl()) + "]";
    }

    Builder config() {
        return config;
    }

    Map<String, SimulatedTask> tasks() {
        return tasks;
    }

    RequestLog log() {
        return log;
    }

    boolean isCancelSupported() {
        return cancelSupported;
    }

    TaskScenario scenarioFor(String videoUri) {
        for (ScenarioRule rule : scenarioRules) {
            if (rule.matches().test(videoUri)) {
                return rule.scenario();
            }
        }
        return config.defaultScenario;
    }

    Fault faultFor(String method, String path, SimulatedTask task) {
        java.time.Instant now = config.clock.instant();
        for (FaultRule rule : faultRules) {
            if (rule.matches(method, path, task, now)) {
                return rule.fault();
            }
        }
        return null;
    }

    private record ScenarioRule(Predicate<String> matches, TaskScenario scenario) {
    }

    /** Simulator settings. */
    public static final class Builder {
        String apiKey = "sim-key";
        int port;
        double timeScale = 1.0;
        Clock clock = Clock.systemUTC();
        TaskScenario defaultScenario = TaskScenario.standard();
        ResponseShape shape = ResponseShape.BARE;
        boolean recordRequests = true;
        int threads = 8;
        final List<String> models = new ArrayList<>(List.of("upscale_v1", "magnific_video_upscaler_creative"));

        private Builder() {
        }

        /** The bearer key clients must send (never logged). */
        public Builder apiKey(String value) {
            this.apiKey = Objects.requireNonNull(value);
            return this;
        }

        /** 0 picks a free port. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** Real time per task time: 0.01 runs a 90 s task in 0.9 s. */
        public Builder timeScale(double value) {
            if (value <= 0) {
                throw new IllegalArgumentException("time scale must be positive");
            }
            this.timeScale = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        public Builder defaultScenario(TaskScenario value) {
            this.defaultScenario = Objects.requireNonNull(value);
            return this;
        }

        public Builder shape(ResponseShape value) {
            this.shape = Objects.requireNonNull(value);
            return this;
        }

        /** Off for big runs: only counts are kept then. */
        public Builder recordRequests(boolean value) {
            this.recordRequests = value;
            return this;
        }

        /** Server threads; slow answers and downloads each hold one. */
        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        public RunwaySimulator build() {
            return new RunwaySimulator(this);
        }
    }
}
