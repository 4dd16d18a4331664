package io.jenkins.plugins.runwayupscale.upscale;

import io.jenkins.plugins.runwayupscale.client.ApiKey;
import io.jenkins.plugins.runwayupscale.client.CancelResult;
import io.jenkins.plugins.runwayupscale.client.InlineVideoFile;
import io.jenkins.plugins.runwayupscale.client.RunwayTask;
import io.jenkins.plugins.runwayupscale.client.WaitListener;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The calls an upscale makes to CometAPI, all asynchronous. The seam between the build-side flow and the engine,
 * so the flow can be tested without a network.
 */
public interface RunwayGateway {
    /**
     * Submits a video with the plan's settings; yields the task id. Never retried in a way that could create a
     * second task.
     *
     * @param videoUri the plan's video URI, or the data URI of its workspace video
     */
    CompletableFuture<String> submit(UpscalePlan plan, String videoUri, ApiKey key);

    /**
     * Submits a video file inline, streamed from the file into the request (read again for a retried submission):
     * the file must stay until the future completes.
     */
    CompletableFuture<String> submit(UpscalePlan plan, InlineVideoFile video, ApiKey key);

    /** Reads a task once (fresh output URLs when it SUCCEEDED); the future fails when it cannot be read. */
    CompletableFuture<RunwayTask> read(UpscalePlan plan, ApiKey key, String taskId);

    /**
     * Polls the task until it ends or the plan's timeout, counted from {@code submittedAt}, runs out. Cancelling the
     * future stops polling at once.
     */
    CompletableFuture<RunwayTask> waitFor(
            UpscalePlan plan, ApiKey key, String taskId, Instant submittedAt, WaitListener listener);

    /**
     * Sends a cancel of the task; the future always completes normally with what happened. Throws
     * {@link IllegalStateException} when nothing can be sent any more (the engine is closed: Jenkins is stopping).
     */
    CompletableFuture<CancelResult> cancel(UpscalePlan plan, ApiKey key, String taskId);

    /** The engine's clock. */
    Instant now();
}
