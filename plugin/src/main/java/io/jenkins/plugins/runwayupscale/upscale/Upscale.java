package io.jenkins.plugins.runwayupscale.upscale;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.runwayupscale.client.ApiKey;
import io.jenkins.plugins.runwayupscale.client.CancelResult;
import io.jenkins.plugins.runwayupscale.client.RunwayTask;
import io.jenkins.plugins.runwayupscale.client.TaskReport;
import io.jenkins.plugins.runwayupscale.client.WaitListener;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One upscale of one build, asynchronous from end to end: look up the key, submit, wait, record the result on the
 * build page, archive the task's files. No thread is held while the task runs; every step of the flow runs in
 * order on a shared worker pool, never on the engine's threads or the caller's. {@link #result()} completes once.
 */
public final class Upscale {
    private static final Logger LOGGER = Logger.getLogger(Upscale.class.getName());

    /** Told the task id as soon as it is known; polling starts only when the returned stage completes. */
    @FunctionalInterface
    public interface SubmissionHook {
        /** For callers that have nothing to persist. */
        SubmissionHook NONE = (taskId, submittedAt) -> CompletableFuture.completedFuture(null);

        CompletionStage<?> submitted(String taskId, Instant submittedAt);
    }

    private enum Phase {
        STARTING,
        SUBMITTING,
        WAITING,
        FINISHING,
        DONE
    }

    private final UpscaleService service;
    private final UpscalePlan plan;
    private final UpscaleBuild build;
    private final OrderedExecutor work;
    private final CompletableFuture<UpscaleOutcome> result = new CompletableFuture<>();

    private volatile Phase phase = Phase.STARTING;
    private volatile boolean stopped;
    private volatile String taskId;
    private volatile Instant submittedAt;
    private volatile RunwayTask lastSeen;
    private volatile Instant nextPoll;
    private volatile CompletableFuture<RunwayTask> waiting;
    private volatile boolean waitEnded;
    // Held in memory only, to cancel the task on abort; the upscale itself is never persisted.
    private volatile ApiKey key;
    private volatile UpscaleConsole console;
    // Touched only by work running on `work`, one piece at a time.
    private Run<?, ?> run;
    private RunwayUpscaleAction action;

    Upscale(UpscaleService service, UpscalePlan plan, UpscaleBuild build) {
        this.service = service;
        this.plan = plan;
        this.build = build;
        this.work = new OrderedExecutor(service.pool());
    }

    /** Submits the video and waits for the task. Returns at once; nothing is sent from the calling thread. */
    public void submit(SubmissionHook hook) {
        step(() -> {
            if (prepare()) {
                send(hook);
            }
        });
    }

    /** Waits for a task submitted before a restart; never submits again. Returns at once. */
    public void resume(String knownTaskId, Instant knownSubmittedAt) {
        this.taskId = knownTaskId;
        this.submittedAt = knownSubmittedAt;
        step(() -> {
            if (prepare()) {
                console.resumed(knownTaskId);
                action = RunwayUpscaleAction.attach(run, knownTaskId, plan, knownSubmittedAt);
                startWaiting();
            }
        });
    }

    /** Completes once: with the outcome, or with an {@link AbortException} whose message is for the user. */
    public CompletableFuture<UpscaleOutcome> result() {
        return result;
    }

    /**
     * Stops at once: polling is cancelled, the result fails with {@code cause}, and a best-effort cancel of the
     * remote task is sent later from the worker pool, without waiting for it. A task whose id arrives after this
     * is cancelled as soon as it is known.
     */
    public void stop(Throwable cause) {
        if (result.isDone()) {
            return;
        }
        stopped = true;
        CompletableFuture<RunwayTask> polling = waiting;
        if (polling != null) {
            polling.cancel(true);
        }
        String id = taskId;
        UpscaleConsole log = console;
        if (log != null) {
            log.stopping(id);
        }
        result.completeExceptionally(cause);
        if (id != null) {
            step(() -> {
                // The wait may have ended just before the stop: a finished task must not be cancelled (Runway's
                // cancel deletes a finished task, outputs included).
                if (!waitEnded) {
                    recordStop();
                    cancelRemote(id);
                }
            });
        }
    }

    /** Blocks until the upscale ends; interrupting the thread stops it. For freestyle builds. */
    public UpscaleOutcome await() throws InterruptedException, AbortException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            stop(e);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AbortException abort) {
                throw abort;
            }
            throw new AbortException(Messages.Upscale_Unexpected(String.valueOf(cause)));
        }
    }

    /** True while something is being done that a restart would cut off (submitting, recording the result). */
    public boolean isBusy() {
        Phase now = phase;
        return !stopped && (now == Phase.STARTING || now == Phase.SUBMITTING || now == Phase.FINISHING);
    }

    /** A short English description for thread dumps and the Pipeline's step status; answered from memory. */
    public String status() {
        if (stopped) {
            return "stopped";
        }
        RunwayTask seen = lastSeen;
        Instant next = nextPoll;
        return switch (phase) {
            case STARTING -> "looking up the CometAPI credential";
            case SUBMITTING -> "submitting the video to CometAPI";
            case WAITING ->
                "waiting for Runway task " + taskId + ": " + (seen == null ? "no status yet" : seen.describeStatus())
                        + (next == null ? "" : ", next poll at " + next);
            case FINISHING -> "recording the result of Runway task " + taskId;
            case DONE -> "finished";
        };
    }

    public String taskId() {
        return taskId;
    }

    /** Loads the build and the key; false (with the result failed) when that is not possible. */
    private boolean prepare() {
        if (stopped) {
            return false;
        }
        try {
            run = build.run();
            console = new UpscaleConsole(build.listener());
            key = service.credentials().resolve(run, plan.credentialsId());
            return !stopped;
        } catch (AbortException e) {
            finish(e);
        } catch (IOException | RuntimeException e) {
            finish(new AbortException(Messages.Upscale_Unexpected(String.valueOf(e))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(new AbortException(Messages.Upscale_Unexpected(String.valueOf(e))));
        }
        return false;
    }

    private void send(SubmissionHook hook) {
        phase = Phase.SUBMITTING;
        console.submitting(plan);
        Instant at = service.gateway().now();
        service.gateway().submit(plan, key).whenComplete((id, error) -> step(() -> submitted(id, error, at, hook)));
    }

    private void submitted(String id, Throwable error, Instant at, SubmissionHook hook) {
        if (error != null) {
            if (!service.shuttingDown()) {
                finish(new AbortException(unwrap(error).getMessage()));
            }
            return;
        }
        taskId = id;
        submittedAt = at;
        if (stopped) {
            // Aborted while CometAPI was still answering: the task exists now, and nobody wants it.
            cancelRemote(id);
            return;
        }
        console.submitted(id);
        action = RunwayUpscaleAction.attach(run, id, plan, at);
        saveRun();
        CompletionStage<?> saved;
        try {
            saved = hook.submitted(id, at);
        } catch (RuntimeException e) {
            saved = CompletableFuture.failedFuture(e);
        }
        saved.whenComplete((ignored, saveError) -> step(() -> {
            if (saveError != null) {
                console.saveFailed(id, unwrap(saveError));
            }
            startWaiting();
        }));
    }

    private void startWaiting() {
        if (stopped) {
            return;
        }
        phase = Phase.WAITING;
        CompletableFuture<RunwayTask> polling =
                service.gateway().waitFor(plan, key, taskId, submittedAt, new Progress());
        waiting = polling;
        if (stopped) {
            polling.cancel(true);
            return;
        }
        polling.whenComplete((task, error) -> step(() -> ended(task, error)));
    }

    private void ended(RunwayTask task, Throwable error) {
        Throwable cause = error == null ? null : unwrap(error);
        if (!(cause instanceof CancellationException)) {
            waitEnded = true;
        }
        if (stopped || result.isDone()) {
            return;
        }
        if (cause instanceof CancellationException || cause != null && service.shuttingDown()) {
            // Jenkins is going down: the task id is saved, and the wait resumes after the restart.
            return;
        }
        phase = Phase.FINISHING;
        Instant now = service.gateway().now();
        if (cause == null) {
            succeeded(task, now);
        } else {
            failed(cause, now);
        }
    }

    private void succeeded(RunwayTask task, Instant now) {
        console.succeeded(task);
        action.succeeded(task, now);
        TaskReport report = TaskReport.succeeded(submission(), task, now);
        List<String> artifacts;
        try {
            artifacts = archive(report);
        } catch (AbortException e) {
            saveRun();
            finish(e);
            return;
        }
        saveRun();
        phase = Phase.DONE;
        // The id the submission returned, never one a later answer names.
        result.complete(new UpscaleOutcome(taskId, task.outputs(), artifacts));
    }

    private void failed(Throwable cause, Instant now) {
        TaskReport report = TaskReport.failed(submission(), cause, now);
        action.failed(report.status().name(), cause.getMessage(), now);
        try {
            archive(report);
        } catch (AbortException e) {
            console.archiveFailed(e.getMessage());
        }
        saveRun();
        // The engine's messages already say what happened and what to do.
        finish(new AbortException(cause.getMessage()));
    }

    private TaskReport.Submission submission() {
        return new TaskReport.Submission(taskId, plan.model(), plan.runwayVersion(), plan.videoUri(), submittedAt);
    }

    private List<String> archive(TaskReport report) throws AbortException {
        if (!plan.archive()) {
            return List.of();
        }
        try {
            List<String> paths = service.artifacts().publish(run, build.listener(), report);
            console.archived(paths);
            action.archived(paths);
            return paths;
        } catch (IOException e) {
            throw new AbortException(Messages.Upscale_ArchiveFailed(taskId, String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AbortException(Messages.Upscale_ArchiveFailed(taskId, String.valueOf(e)));
        }
    }

    private void recordStop() {
        if (action != null) {
            action.failed(
                    "ABORTED", Messages.Upscale_Stopped(), service.gateway().now());
            saveRun();
        }
    }

    /** Best effort, and nobody waits for it: the outcome only goes to the system log. */
    private void cancelRemote(String id) {
        ApiKey cancelKey = key;
        if (cancelKey == null) {
            LOGGER.info(() -> "Could not cancel Runway task " + id + ": the CometAPI key was never loaded");
            return;
        }
        service.gateway()
                .cancel(plan, cancelKey, id)
                .thenAccept(outcome -> LOGGER.log(
                        outcome.outcome() == CancelResult.Outcome.CANCELLED ? Level.FINE : Level.INFO,
                        outcome.detail()));
    }

    private void saveRun() {
        if (run == null) {
            return;
        }
        try {
            run.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save " + run + " after recording Runway task " + taskId, e);
        }
    }

    /**
     * Runs a piece of the flow on the worker, in order. Whatever it throws ends the upscale with a message instead
     * of leaving the build waiting forever, except while Jenkins shuts down (the wait resumes after the restart).
     */
    private void step(Runnable piece) {
        work.execute(() -> {
            try {
                piece.run();
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "Runway upscale of task " + taskId + " failed unexpectedly", e);
                if (!service.shuttingDown()) {
                    finish(new AbortException(Messages.Upscale_Unexpected(String.valueOf(e))));
                }
            }
        });
    }

    private void finish(AbortException failure) {
        phase = Phase.DONE;
        result.completeExceptionally(failure);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Hears the engine (on its threads) and hands everything slow to the worker, in order. */
    private final class Progress implements WaitListener {
        @Override
        public void statusChanged(RunwayTask task) {
            lastSeen = task;
            work.execute(() -> {
                console.status(task);
                action.seen(task);
            });
        }

        @Override
        public void progressChanged(RunwayTask task) {
            lastSeen = task;
            work.execute(() -> {
                console.progress(task);
                action.seen(task);
            });
        }

        @Override
        public void unknownStatus(RunwayTask task) {
            work.execute(() -> console.unknownStatus(task));
        }

        @Override
        public void notYetVisible(String id) {
            work.execute(() -> console.notYetVisible(id));
        }

        @Override
        public void nextPoll(Instant at) {
            nextPoll = at;
        }
    }
}
