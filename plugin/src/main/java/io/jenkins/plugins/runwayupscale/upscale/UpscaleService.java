package io.jenkins.plugins.runwayupscale.upscale;

import com.google.common.util.concurrent.MoreExecutors;
import hudson.AbortException;
import hudson.model.Run;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one code path behind both front doors, the Pipeline step and the freestyle build step: it checks requests
 * against the global defaults and starts {@link Upscale}s on the shared engine.
 */
public final class UpscaleService {
    private final RunwayGateway gateway;
    private final CredentialResolver credentials;
    private final ArtifactPublisher artifacts;
    private final Executor pool;
    private final Executor agentPool;
    private final Function<Run<?, ?>, Path> jobFolder;
    private final EarlierArtifacts earlierArtifacts;
    private final Supplier<UpscaleDefaults> defaults;
    private final BooleanSupplier shuttingDown;

    /**
     * @param pool runs the blocking parts of upscales (credential lookups, build records, archiving), never waiting
     * @param agentPool runs the calls to agents (copying a video, saving an output), which can take long or stall
     * @param jobFolder where a build's job keeps its files: its index of earlier results lives there
     * @param earlierArtifacts earlier builds' archived videos, which reuse falls back to when their tasks are gone
     * @param shuttingDown true once Jenkins is stopping: failures caused by the engine closing are then not
     *     reported, so the waits resume after the restart instead of failing
     */
    public UpscaleService(
            RunwayGateway gateway,
            CredentialResolver credentials,
            ArtifactPublisher artifacts,
            Executor pool,
            Executor agentPool,
            Function<Run<?, ?>, Path> jobFolder,
            EarlierArtifacts earlierArtifacts,
            Supplier<UpscaleDefaults> defaults,
            BooleanSupplier shuttingDown) {
        this.gateway = gateway;
        this.credentials = credentials;
        this.artifacts = artifacts;
        this.pool = pool;
        this.agentPool = agentPool;
        this.jobFolder = jobFolder;
        this.earlierArtifacts = earlierArtifacts;
        this.defaults = defaults;
        this.shuttingDown = shuttingDown;
    }

    /** Checks a request and fills in the defaults; no I/O, so it may run on any thread. */
    public UpscalePlan plan(UpscaleRequest request) throws AbortException {
        return UpscalePlan.of(request, defaults.get());
    }

    /** An upscale of the plan for the build, not started yet: call {@link Upscale#submit} or {@link Upscale#resume}. */
    public Upscale upscale(UpscalePlan plan, UpscaleBuild build) {
        // Guava's sequential executor: each upscale's pieces in order, on the shared pool, none of them at once.
        return new Upscale(
                plan,
                build,
                gateway,
                credentials,
                artifacts,
                MoreExecutors.newSequentialExecutor(pool),
                agentPool,
                jobFolder,
                earlierArtifacts,
                shuttingDown);
    }
}
