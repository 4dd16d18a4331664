package io.jenkins.plugins.runwayupscale.upscale;

import io.jenkins.plugins.runwayupscale.client.ApiKey;
import io.jenkins.plugins.runwayupscale.client.CancelResult;
import io.jenkins.plugins.runwayupscale.client.InlineVideoFile;
import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import io.jenkins.plugins.runwayupscale.client.RunwayClient;
import io.jenkins.plugins.runwayupscale.client.RunwayEngine;
import io.jenkins.plugins.runwayupscale.client.RunwayTask;
import io.jenkins.plugins.runwayupscale.client.WaitListener;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** The gateway over the shared {@link RunwayEngine}: one cheap client per call, the network shared by all. */
public final class EngineGateway implements RunwayGateway {
    private final Supplier<RunwayEngine> engine;

    /** The supplier is asked on every call, so an engine rebuilt for new proxy settings is picked up. */
    public EngineGateway(Supplier<RunwayEngine> engine) {
        this.engine = engine;
    }

    @Override
    public CompletableFuture<String> submit(UpscalePlan plan, String videoUri, ApiKey key) {
        try {
            // The build's timeout bounds the submission too: a server that never finishes answering cannot hold it.
            return client(plan, key).submit(videoUri, now().plus(plan.timeout()));
        } catch (InvalidInputException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<String> submit(UpscalePlan plan, InlineVideoFile video, ApiKey key) {
        try {
            return client(plan, key).submit(video, now().plus(plan.timeout()));
        } catch (InvalidInputException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<RunwayTask> read(UpscalePlan plan, ApiKey key, String taskId) {
        try {
            return client(plan, key).readTask(taskId);
        } catch (InvalidInputException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<RunwayTask> waitFor(
            UpscalePlan plan, ApiKey key, String taskId, Instant submittedAt, WaitListener listener) {
        try {
            return client(plan, key).waitForTask(taskId, submittedAt, submittedAt.plus(plan.timeout()), listener);
        } catch (InvalidInputException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<CancelResult> cancel(UpscalePlan plan, ApiKey key, String taskId) {
        return client(plan, key).cancel(taskId);
    }

    @Override
    public Instant now() {
        return engine.get().scheduler().now();
    }

    /** The plan's settings were checked when it was made: nothing is validated again here. */
    private RunwayClient client(UpscalePlan plan, ApiKey key) {
        return engine.get().client(plan.settings(), key);
    }
}
