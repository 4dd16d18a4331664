package io.jenkins.plugins.runwayupscale;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.runwayupscale.upscale.BuildWorkspace;
import io.jenkins.plugins.runwayupscale.upscale.Submission;
import io.jenkins.plugins.runwayupscale.upscale.Upscale;
import io.jenkins.plugins.runwayupscale.upscale.UpscaleBuild;
import io.jenkins.plugins.runwayupscale.upscale.UpscalePlan;
import io.jenkins.plugins.runwayupscale.upscale.UpscaleRequest;
import io.jenkins.plugins.runwayupscale.upscale.UpscaleService;
import io.jenkins.plugins.runwayupscale.workspace.AgentWorkspace;
import java.io.IOException;
import java.io.Serializable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The asynchronous, restart-safe execution of {@code runwayUpscale}. It holds no thread while the task runs and
 * persists only, once the task exists, the plan (no key, no video data) and the {@link Submission}; the step
 * completes exactly once.
 */
public final class UpscaleExecution extends StepExecution {
    private static final long serialVersionUID = 1L;

    // Only start() needs the request; after a restart the persisted plan says everything.
    private final transient UpscaleRequest request;
    private transient volatile UpscaleService service;
    private transient volatile Upscale upscale;

    // Null until CometAPI accepted the task; then set once, in one write, so a save holds all of it or none.
    private volatile Submitted submitted;
    private final AtomicBoolean completed = new AtomicBoolean();

    /** What a restart needs to resume: the plan as kept after the submission, and the submission. */
    private record Submitted(UpscalePlan plan, Submission submission) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    UpscaleExecution(StepContext context, UpscaleRequest request) {
        this(context, request, null);
    }

    /** With the service given, for tests; otherwise the one of this Jenkins is used. */
    UpscaleExecution(StepContext context, UpscaleRequest request, UpscaleService service) {
        super(context);
        this.request = request;
        this.service = service;
    }

    /** Checks the parameters and hands the upscale to the worker pool; no I/O here, on the CPS VM thread. */
    @Override
    public boolean start() throws Exception {
        Upscale started = follow(service().upscale(service().plan(request), build()));
        started.submit(this::submitted);
        return false;
    }

    /** Never throws: any problem fails the step instead. */
    @Override
    public void onResume() {
        try {
            if (completed.get()) {
                return;
            }
            Submitted known = submitted;
            if (known == null) {
                // The submission may have reached CometAPI; sending it again could start, and bill, a second task.
                fail(new AbortException(Messages.UpscaleExecution_RestartedWhileSubmitting()));
                return;
            }
            follow(service().upscale(known.plan(), build())).resume(known.submission());
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /** Stops polling at once, has the remote task cancelled without waiting, and fails the step. */
    @Override
    public void stop(Throwable cause) {
        Upscale current = upscale;
        if (current != null) {
            current.stop(cause);
        }
        fail(cause);
    }

    @Override
    public String getStatus() {
        if (completed.get()) {
            return "finished";
        }
        Upscale current = upscale;
        return current == null ? "starting" : current.status();
    }

    /** A safe restart waits while a submission is unanswered or the result is being recorded. */
    @Override
    public boolean blocksRestart() {
        Upscale current = upscale;
        return current != null && !completed.get() && current.isBusy();
    }

    /** Persists the task id before the first poll, so a restart resumes the wait instead of submitting again. */
    private CompletionStage<?> submitted(UpscalePlan kept, Submission accepted) {
        submitted = new Submitted(kept, accepted);
        CompletableFuture<Void> saved = new CompletableFuture<>();
        Futures.addCallback(
                getContext().saveState(),
                new FutureCallback<Void>() {
                    @Override
                    public void onSuccess(Void result) {
                        saved.complete(null);
                    }

                    @Override
                    public void onFailure(Throwable t) {
                        saved.completeExceptionally(t);
                    }
                },
                MoreExecutors.directExecutor());
        return saved;
    }

    private Upscale follow(Upscale started) {
        upscale = started;
        started.result().whenComplete((outcome, error) -> {
            if (error == null) {
                succeed(outcome.outputUrl());
            } else {
                fail(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
        });
        return started;
    }

    private void succeed(String outputUrl) {
        if (completed.compareAndSet(false, true)) {
            getContext().onSuccess(outputUrl);
        }
    }

    private void fail(Throwable cause) {
        if (completed.compareAndSet(false, true)) {
            getContext().onFailure(cause);
        }
    }

    private UpscaleService service() {
        UpscaleService current = service;
        if (current == null) {
            current = SharedEngine.get().service();
            service = current;
        }
        return current;
    }

    /** The build and its log, fetched by the upscale on its worker, never here on the CPS VM thread. */
    private UpscaleBuild build() {
        StepContext context = getContext();
        return new UpscaleBuild() {
            @Override
            public Run<?, ?> run() throws IOException, InterruptedException {
                return context.get(Run.class);
            }

            @Override
            public TaskListener listener() throws IOException, InterruptedException {
                return context.get(TaskListener.class);
            }

            /** Present only inside {@code node {}}; asked for only when videoFile or download is used. */
            @Override
            public BuildWorkspace workspace() throws IOException, InterruptedException {
                return AgentWorkspace.of(context.get(FilePath.class));
            }
        };
    }

    /** For tests: the service a deserialized execution uses instead of looking one up. */
    void useService(UpscaleService replacement) {
        this.service = replacement;
    }
}
