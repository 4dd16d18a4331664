package io.jenkins.plugins.runwayupscale;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.ProxyConfiguration;
import hudson.init.Terminator;
import hudson.security.ACL;
import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.runwayupscale.client.EngineConfig;
import io.jenkins.plugins.runwayupscale.client.RunwayEngine;
import io.jenkins.plugins.runwayupscale.upscale.ArtifactPublisher;
import io.jenkins.plugins.runwayupscale.upscale.ArtifactSink;
import io.jenkins.plugins.runwayupscale.upscale.CredentialLookup;
import io.jenkins.plugins.runwayupscale.upscale.CredentialResolver;
import io.jenkins.plugins.runwayupscale.upscale.EngineGateway;
import io.jenkins.plugins.runwayupscale.upscale.UpscaleService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.security.ImpersonatingExecutorService;

/**
 * The one Runway engine of this Jenkins (one async HTTP client and one scheduler for every upscale, with Jenkins'
 * proxy settings), the small pool that does upscales' blocking work, and the service built on them. Closed when
 * Jenkins shuts down.
 */
@Extension
public final class SharedEngine {
    private static final Logger LOGGER = Logger.getLogger(SharedEngine.class.getName());
    /** Credential lookups, build records and archiving; waiting takes no thread, so a few are plenty. */
    private static final int WORKERS = 4;
    /**
     * Calls to agents: copying a video, saving and archiving an output. Each can take minutes (a slow output host, a
     * slow agent), so they have threads of their own; more than this many at once wait their turn, holding nothing.
     */
    private static final int AGENT_CALLS = 8;

    /**
     * The milestone workflow-cps reaches once every running Pipeline is suspended and saved for the restart
     * ({@code FlowExecutionList.EXECUTIONS_SUSPENDED} in workflow-api, written out as this plugin does not depend on
     * it). Closing the engine only after it lets waits end as "suspended", never as failures. Without Pipeline no
     * terminator attains it, and the engine closes without waiting.
     */
    static final String EXECUTIONS_SUSPENDED = "FlowExecutionList.EXECUTIONS_SUSPENDED";

    private final ExecutorService pool;
    private final ExecutorService agentPool;
    private final UpscaleService service;
    private final List<RunwayEngine> retired = new ArrayList<>();
    private RunwayEngine engine;
    private List<Object> engineProxy;
    private volatile boolean closing;

    public SharedEngine() {
        pool = threads(WORKERS, "Runway upscale worker");
        agentPool = threads(AGENT_CALLS, "Runway upscale agent call");
        service = new UpscaleService(
                new EngineGateway(this::engine),
                new CredentialResolver(CredentialLookup.JENKINS),
                new ArtifactPublisher(ArtifactSink.JENKINS),
                pool,
                agentPool,
                run -> run.getParent().getRootDir().toPath(),
                new JenkinsArtifacts(),
                () -> RunwayUpscaleConfiguration.get().defaults(),
                () -> closing);
    }

    public static SharedEngine get() {
        return ExtensionList.lookupSingleton(SharedEngine.class);
    }

    public UpscaleService service() {
        return service;
    }

    /**
     * The engine for new calls. When the proxy settings or the request rate changed, a new engine takes over and the
     * old one keeps serving the waits it already has until shutdown: closing it would break them. An engine whose
     * network has stopped is replaced (and closed) on the next call, so one bad answer cannot fail every later upscale.
     */
    synchronized RunwayEngine engine() {
        if (closing) {
            throw new IllegalStateException("Jenkins is shutting down");
        }
        ProxyConfiguration proxy = Jenkins.get().getProxy();
        int maxRequestsPerSecond = RunwayUpscaleConfiguration.get().getMaxRequestsPerSecond();
        List<Object> identity = List.of(JenkinsProxy.identity(proxy), maxRequestsPerSecond);
        if (needsNew(engine, !Objects.equals(identity, engineProxy))) {
            if (engine != null && !engine.isActive()) {
                // Its network died (an Error on its I/O thread): it serves nothing more, its waits have ended.
                LOGGER.warning("The Runway engine's network stopped; a new engine takes over");
                engine.close();
            } else if (engine != null) {
                retired.add(engine);
            }
            engine = RunwayEngine.builder()
                    .config(EngineConfig.builder()
                            .proxy(JenkinsProxy.settings(proxy))
                            .maxRequestsPerSecond(maxRequestsPerSecond)
                            .build())
                    .build();
            engineProxy = identity;
        }
        return engine;
    }

    /** Whether the next call needs a new engine: none yet, other proxy settings, or one that can send nothing. */
    static boolean needsNew(RunwayEngine current, boolean proxyChanged) {
        return current == null || proxyChanged || !current.isActive();
    }

    /** Stops every engine and the pool; waits that were running resume after the restart. */
    synchronized void close() {
        closing = true;
        if (engine != null) {
            engine.close();
            engine = null;
        }
        retired.forEach(RunwayEngine::close);
        retired.clear();
        pool.shutdownNow();
        agentPool.shutdownNow();
    }

    /**
     * A pool for upscales' blocking work, made as core makes its own: daemon threads named for thread dumps, whose
     * context class loader is core's (not one inherited from whichever thread happened to start them, which a
     * long-lived pool thread would keep alive), running as SYSTEM (a pool thread would otherwise run as ANONYMOUS
     * and could not read the builds it records on).
     */
    static ExecutorService threads(int size, String name) {
        ThreadPoolExecutor threads = new ThreadPoolExecutor(
                size,
                size,
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                new ClassLoaderSanityThreadFactory(new NamingThreadFactory(new DaemonThreadFactory(), name)));
        threads.allowCoreThreadTimeOut(true);
        return new ImpersonatingExecutorService(threads, ACL.SYSTEM2);
    }

    @Terminator(requires = EXECUTIONS_SUSPENDED)
    public static void shutDown() {
        LOGGER.fine("Closing the Runway engine");
        ExtensionList.lookup(SharedEngine.class).forEach(SharedEngine::close);
    }
}
