package io.jenkins.plugins.runwayupscale.upscale;

import io.jenkins.plugins.runwayupscale.client.ApiKey;
import io.jenkins.plugins.runwayupscale.client.CancelResult;
import io.jenkins.plugins.runwayupscale.client.InlineVideoFile;
import io.jenkins.plugins.runwayupscale.client.RunwayTask;
import io.jenkins.plugins.runwayupscale.client.WaitListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A CometAPI that answers only when the test says so; it records every call. */
public final class FakeGateway implements RunwayGateway {
    /**
     * One submission.
     *
     * @param videoUri the URI sent; for a file, the data URI it holds when submitted
     * @param file the file submitted inline, or null
     */
    public record Submit(
            UpscalePlan plan, String videoUri, InlineVideoFile file, ApiKey key, CompletableFuture<String> answer) {}

    /** One wait. */
    public record Wait(
            String taskId,
            Instant submittedAt,
            ApiKey key,
            WaitListener listener,
            CompletableFuture<RunwayTask> answer) {}

    /** One read. */
    public record Read(String taskId, ApiKey key, CompletableFuture<RunwayTask> answer) {}

    /** One cancel. */
    public record Cancel(String taskId, CompletableFuture<CancelResult> answer) {}

    public static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    public final List<Submit> submits = new CopyOnWriteArrayList<>();
    public final List<Wait> waits = new CopyOnWriteArrayList<>();
    public final List<Cancel> cancels = new CopyOnWriteArrayList<>();
    public final List<Read> reads = new CopyOnWriteArrayList<>();
    /** Thrown by cancel() when set, as by an engine closed under the upscale. */
    public volatile RuntimeException cancelRefusal;

    @Override
    public CompletableFuture<String> submit(UpscalePlan plan, String videoUri, ApiKey key) {
        Submit s = new Submit(plan, videoUri, null, key, new CompletableFuture<>());
        submits.add(s);
        return s.answer();
    }

    @Override
    public CompletableFuture<String> submit(UpscalePlan plan, InlineVideoFile video, ApiKey key) {
        String dataUri;
        try {
            dataUri = "data:" + video.mediaType() + ";base64,"
                    + Base64.getEncoder().encodeToString(Files.readAllBytes(video.file()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Submit s = new Submit(plan, dataUri, video, key, new CompletableFuture<>());
        submits.add(s);
        return s.answer();
    }

    @Override
    public CompletableFuture<RunwayTask> read(UpscalePlan plan, ApiKey key, String taskId) {
        Read r = new Read(taskId, key, new CompletableFuture<>());
        reads.add(r);
        return r.answer();
    }

    @Override
    public CompletableFuture<RunwayTask> waitFor(
            UpscalePlan plan, ApiKey key, String taskId, Instant submittedAt, WaitListener listener) {
        Wait w = new Wait(taskId, submittedAt, key, listener, new CompletableFuture<>());
        waits.add(w);
        return w.answer();
    }

    @Override
    public CompletableFuture<CancelResult> cancel(UpscalePlan plan, ApiKey key, String taskId) {
        if (cancelRefusal != null) {
            throw cancelRefusal;
        }
        Cancel c = new Cancel(taskId, new CompletableFuture<>());
        cancels.add(c);
        return c.answer();
    }

    @Override
    public Instant now() {
        return NOW;
    }

    public Submit lastSubmit() {
        return submits.get(submits.size() - 1);
    }

    public Wait lastWait() {
        return waits.get(waits.size() - 1);
    }
}
