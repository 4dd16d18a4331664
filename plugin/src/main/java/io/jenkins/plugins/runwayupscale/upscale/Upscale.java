package io.jenkins.plugins.runwayupscale.upscale;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.runwayupscale.client.ApiKey;
import io.jenkins.plugins.runwayupscale.client.CancelResult;
import io.jenkins.plugins.runwayupscale.client.DataUriLimit;
import io.jenkins.plugins.runwayupscale.client.DownloadLimits;
import io.jenkins.plugins.runwayupscale.client.DownloadedVideo;
import io.jenkins.plugins.runwayupscale.client.InlineVideo;
import io.jenkins.plugins.runwayupscale.client.InlineVideoFile;
import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import io.jenkins.plugins.runwayupscale.client.ReusedFrom;
import io.jenkins.plugins.runwayupscale.client.RunwayTask;
import io.jenkins.plugins.runwayupscale.client.TaskArtifacts;
import io.jenkins.plugins.runwayupscale.client.TaskReport;
import io.jenkins.plugins.runwayupscale.client.TaskStatus;
import io.jenkins.plugins.runwayupscale.client.WaitListener;
import io.jenkins.plugins.runwayupscale.reuse.ReuseIndex;
import io.jenkins.plugins.runwayupscale.reuse.ReuseKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One upscale of one build, asynchronous from end to end: look up the key, submit, wait, record the result on the
 * build page, archive the task's files. No thread is held while the task runs; every piece of the flow runs in
 * order on a shared worker pool, never on the engine's threads or the caller's. {@link #result()} completes once.
 */
public final class Upscale {
    private static final Logger LOGGER = Logger.getLogger(Upscale.class.getName());

    /** Told of the submission as soon as it is known; polling starts only when the returned stage completes. */
    @FunctionalInterface
    public interface SubmissionHook {
        /** For callers that have nothing to persist. */
        SubmissionHook NONE = (kept, submission) -> CompletableFuture.completedFuture(null);

        /**
         * @param kept the plan to persist from now on: the same plan, without a data URI's video
         * @param submission the task and when it was submitted
         */
        CompletionStage<?> submitted(UpscalePlan kept, Submission submission);
    }

    /** Where an upscale is. It only moves down this list, and ends in DONE or STOPPED. */
    enum Phase {
        /** Loading the build and the key. */
        STARTING,
        /** The submission is sent and CometAPI has not answered yet. */
        SUBMITTING,
        /** The task runs; no thread is held. */
        WAITING,
        /** The task ended: recording its result. */
        FINISHING,
        DONE,
        /** Stopped by the build (an abort); the result failed with the stop's cause. */
        STOPPED;

        boolean isOver() {
            return this == DONE || this == STOPPED;
        }
    }

    /** A piece of the flow; what it throws ends the upscale. */
    @FunctionalInterface
    private interface Piece {
        void run() throws Exception;
    }

    private final UpscaleBuild build;
    private final RunwayGateway gateway;
    private final CredentialResolver credentials;
    private final ArtifactPublisher artifacts;
    private final Executor work;
    private final BooleanSupplier shuttingDown;
    private final AgentCalls agent;
    private final EarlierResults earlierResults;
    private final CompletableFuture<UpscaleOutcome> result = new CompletableFuture<>();

    // Guarded by `this`: they change together, as stop() and the flow race.
    private Phase phase = Phase.STARTING;
    private Submission submission;
    private CompletableFuture<RunwayTask> waiting;

    private volatile UpscalePlan plan;
    private volatile RunwayTask lastSeen;
    private volatile Instant nextPoll;
    // Held in memory only, to cancel the task on abort; the upscale itself is never persisted.
    private volatile ApiKey key;
    private volatile UpscaleConsole console;
    private volatile ReusedFrom reusedFrom;
    // Touched only by pieces running on `work`, one at a time.
    private Run<?, ?> run;
    private RunwayUpscaleAction action;

    /**
     * @param work runs the pieces of this upscale one at a time, in order
     * @param agentWork runs the calls to the agent that holds the workspace, which block for as long as it takes
     * @param jobFolder where a build's job keeps its files (the reuse index)
     * @param earlierArtifacts earlier builds' archived videos, for reuse when their tasks are gone
     * @param shuttingDown true once Jenkins is stopping: failures caused by the engine closing are then not
     *     reported, so the wait resumes after the restart instead of failing
     */
    Upscale(
            UpscalePlan plan,
            UpscaleBuild build,
            RunwayGateway gateway,
            CredentialResolver credentials,
            ArtifactPublisher artifacts,
            Executor work,
            Executor agentWork,
            Function<Run<?, ?>, Path> jobFolder,
            EarlierArtifacts earlierArtifacts,
            BooleanSupplier shuttingDown) {
        this.plan = plan;
        this.build = build;
        this.gateway = gateway;
        this.credentials = credentials;
        this.artifacts = artifacts;
        this.work = work;
        this.shuttingDown = shuttingDown;
        this.agent = new AgentCalls(agentWork);
        this.earlierResults = new EarlierResults(jobFolder, earlierArtifacts);
    }

    /** Submits the video and waits for the task. Returns at once; nothing is sent from the calling thread. */
    public void submit(SubmissionHook hook) {
        inOrder(() -> {
            if (prepare()) {
                start(hook);
            }
        });
    }

    /** Waits for a task submitted before a restart; never submits again. Returns at once. */
    public void resume(Submission known) {
        synchronized (this) {
            submission = known;
        }
        inOrder(() -> {
            if (prepare()) {
                console.resumed(known.taskId());
                action = RunwayUpscaleAction.attach(run, known, plan);
                startWaiting();
            }
        });
    }

    /** Completes once: with the outcome, or with an {@link AbortException} whose message is for the user. */
    public CompletableFuture<UpscaleOutcome> result() {
        return result;
    }

    /**
     * Stops at once: polling is cancelled, the result fails with {@code cause}, and the remote task is asked to
     * cancel without waiting for the answer. A task whose id arrives after this is cancelled as soon as it is known;
     * a task that already ended is left alone (Runway's cancel deletes a finished task, outputs included).
     */
    public void stop(Throwable cause) {
        Submission known;
        CompletableFuture<RunwayTask> polling;
        synchronized (this) {
            if (phase.isOver()) {
                return;
            }
            phase = Phase.STOPPED;
            known = submission;
            polling = waiting;
        }
        // A video being copied or saved: the agent's thread is interrupted and leaves no partial file.
        agent.stop();
        earlierResults.end();
        // cancel() is false when the wait had already ended, that is when the task is over; a reused task is over.
        boolean taskRuns = known != null && !known.reused() && (polling == null || polling.cancel(true));
        UpscaleConsole log = console;
        if (known == null) {
            if (log != null) {
                log.stoppedBeforeSubmission();
            }
        } else if (!taskRuns) {
            if (log != null) {
                log.stoppedAfterTheEnd(known.taskId());
            }
        } else if (key == null) {
            // Resumed after a restart and stopped before the key was loaded: cancel once it is.
            inOrder(() -> recordStop(cancelRemote(known.taskId(), null)));
        } else {
            boolean sent = cancelRemote(known.taskId(), log);
            inOrder(() -> recordStop(sent));
        }
        result.completeExceptionally(cause);
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
    public synchronized boolean isBusy() {
        return phase == Phase.STARTING || phase == Phase.SUBMITTING || phase == Phase.FINISHING;
    }

    /** A short English description for thread dumps and the Pipeline's step status; answered from memory. */
    public String status() {
        Phase now;
        Submission known;
        synchronized (this) {
            now = phase;
            known = submission;
        }
        RunwayTask seen = lastSeen;
        Instant next = nextPoll;
        String taskId = known == null ? null : known.taskId();
        return switch (now) {
            case STARTING -> "looking up the CometAPI credential";
            case SUBMITTING -> "submitting the video to CometAPI";
            case WAITING ->
                "waiting for Runway task " + taskId + ": " + (seen == null ? "no status yet" : seen.describeStatus())
                        + (next == null ? "" : ", next poll at " + next);
            case FINISHING -> "recording the result of Runway task " + taskId;
            case DONE -> "finished";
            case STOPPED -> "stopped";
        };
    }

    /** The task's id once CometAPI gave it, else null. */
    public synchronized String taskId() {
        return submission == null ? null : submission.taskId();
    }

    /**
     * Loads the build and the key; false when the upscale was stopped meanwhile. The key is loaded even then: a
     * stop right after a restart still has to cancel the task with it.
     */
    private boolean prepare() throws Exception {
        run = build.run();
        console = new UpscaleConsole(build.listener());
        key = credentials.resolve(run, plan.credentialsId());
        return !isPast(Phase.STARTING);
    }

    /** Submits a URL at once; a workspace video is first copied from the agent, off the worker pool. */
    private void start(SubmissionHook hook) throws IOException, InterruptedException {
        if (!plan.needsWorkspace()) {
            reuseOrSend(hook, null);
            return;
        }
        // Checked before anything is sent: a paid task whose output cannot be saved helps nobody.
        BuildWorkspace here = build.workspace();
        if (here == null) {
            throw new AbortException(Messages.Upscale_NeedsNode(plan.videoFile() != null ? "videoFile" : "download"));
        }
        if (plan.videoFile() != null) {
            console.reading(plan.videoFile());
        }
        DataUriLimit limit = plan.settings().dataUriLimit();
        agent.call(() -> {
                    if (plan.download() != null) {
                        here.checkDownloadTarget(plan.download());
                    }
                    if (plan.videoFile() == null) {
                        return null;
                    }
                    VideoCopy copy = VideoCopy.of(here, plan.videoFile(), limit);
                    if (isPast(Phase.STARTING)) {
                        copy.close(); // stopped meanwhile: the result may never be looked at
                        return null;
                    }
                    return copy;
                })
                .whenComplete((copy, error) -> inOrder(() -> {
                    if (error != null) {
                        if (isPast(Phase.STARTING)) {
                            return; // stopped meanwhile: the copy was interrupted and removed
                        }
                        throw agentFailure(error);
                    }
                    reuseOrSendOwning(hook, copy);
                }));
    }

    /** As {@link #reuseOrSend}, deleting the copy when it fails before handing the copy on. */
    private void reuseOrSendOwning(SubmissionHook hook, VideoCopy copy) throws IOException {
        try {
            reuseOrSend(hook, copy);
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(copy);
            throw e;
        }
    }

    /**
     * Takes the result of an earlier upscale of the job with the same input, model and options when its task can
     * still be read; waits first for a parallel upscale with the same key; else submits. {@code copy} is the
     * workspace video's copy, or null for a URI.
     */
    private void reuseOrSend(SubmissionHook hook, VideoCopy copy) throws IOException {
        if (isPast(Phase.STARTING)) {
            closeQuietly(copy);
            return; // stopped while waiting for a parallel upscale
        }
        ReuseKey wanted = EarlierResults.keyOf(plan, copy);
        if (wanted == null) {
            sendVideo(hook, copy);
            return;
        }
        EarlierResults.Boarding boarding = earlierResults.board(run, wanted);
        if (isPast(Phase.STARTING)) {
            // Stopped while boarding: stop() may not have seen the flight, so it is ended here.
            earlierResults.end();
            closeQuietly(copy);
            return;
        }
        if (!boarding.flight().leads()) {
            console.waitingForParallel(EarlierResults.describe(wanted));
            boarding.flight().landed().whenComplete((ignored, error) -> inOrder(() -> reuseOrSendOwning(hook, copy)));
            return;
        }
        Optional<ReuseIndex.Entry> earlier = boarding.earlier();
        if (earlier.isEmpty()) {
            sendVideo(hook, copy);
            return;
        }
        ReuseIndex.Entry found = earlier.get();
        gateway.read(plan, key, found.taskId())
                .whenComplete((task, error) -> inOrder(() -> {
                    if (error == null
                            && task.status() == TaskStatus.SUCCEEDED
                            && !task.outputs().isEmpty()) {
                        closeQuietly(copy);
                        adopt(hook, found, task, wanted, null);
                    } else {
                        String why = error == null
                                ? task.describeStatus()
                                : String.valueOf(unwrap(error).getMessage());
                        restoreOrSend(hook, copy, found, wanted, why);
                    }
                }));
    }

    /**
     * When the earlier task cannot be read any more but its build archived the video ({@code archiveVideo}) and this
     * upscale saves one ({@code download}): that archived video, if its SHA-256 is still the recorded one, goes into
     * the workspace, and its artifact URL (through Jenkins, which works as long as the build is kept) is the result.
     * Else submits.
     */
    private void restoreOrSend(SubmissionHook hook, VideoCopy copy, ReuseIndex.Entry found, ReuseKey wanted, String why)
            throws IOException, InterruptedException {
        String url = earlierResults.archivedUrl(run, found, plan);
        BuildWorkspace here = url == null ? null : workspaceOrNull();
        if (here == null) {
            console.notReused(found.taskId(), found.build(), why);
            sendVideo(hook, copy);
            return;
        }
        Run<?, ?> current = run;
        agent.call(() -> {
                    InputStream archived = earlierResults.openArchived(current, found);
                    if (archived == null) {
                        return null;
                    }
                    try {
                        return here.restore(plan.download(), archived, found.artifactSha256());
                    } catch (IOException | InterruptedException | RuntimeException e) {
                        // Handed over only once the call reached the agent; closing it twice is harmless.
                        archived.close();
                        throw e;
                    }
                })
                .whenComplete((restored, error) -> inOrder(() -> {
                    if (isPast(Phase.STARTING)) {
                        closeQuietly(copy);
                        return;
                    }
                    if (error != null || restored == null) {
                        String gone = error == null
                                ? Messages.Upscale_ArchivedVideoGone(found.artifact())
                                : String.valueOf(unwrap(error).getMessage());
                        console.notReused(found.taskId(), found.build(), why + "; " + gone);
                        sendVideo(hook, copy);
                        return;
                    }
                    closeQuietly(copy);
                    RunwayTask archivedResult = new RunwayTask(
                            found.taskId(), TaskStatus.SUCCEEDED, "SUCCEEDED", 1.0, List.of(url), null, null, null);
                    console.restored(found.artifact(), found.build());
                    adopt(hook, found, archivedResult, wanted, new Restored(here, restored));
                }));
    }

    /** The workspace, or null when the agent cannot be reached now: reuse then simply does not restore. */
    private BuildWorkspace workspaceOrNull() throws InterruptedException {
        try {
            return build.workspace();
        } catch (IOException e) {
            return null;
        }
    }

    /** An earlier build's archived video, already written into the workspace by {@link #restoreOrSend}. */
    private record Restored(BuildWorkspace workspace, DownloadedVideo video) {}

    /**
     * Takes an earlier task's result as this upscale's, as if CometAPI had answered the submission with that task
     * and it had already ended: recorded and saved the same way (a restart resumes by reading it), nothing sent. A
     * result restored from an archived video is not saved for a restart: its task can no longer be read.
     */
    private void adopt(
            SubmissionHook hook, ReuseIndex.Entry earlier, RunwayTask task, ReuseKey wanted, Restored restored) {
        if (!advance(Phase.STARTING, Phase.SUBMITTING)) {
            return;
        }
        reusedFrom = new ReusedFrom("#" + earlier.build(), earlier.taskId(), wanted.contentSha256());
        console.reused(earlier.taskId(), earlier.build(), EarlierResults.describe(wanted));
        Submission accepted = new Submission(earlier.taskId(), gateway.now(), true);
        synchronized (this) {
            if (phase == Phase.STOPPED) {
                return; // stopped meanwhile: nothing is recorded (the earlier task is left alone)
            }
            submission = accepted;
            // The task has ended: an abort from now on must not cancel it (Runway's cancel deletes a finished task,
            // and this one is an earlier build's result).
            waiting = CompletableFuture.completedFuture(task);
        }
        UpscalePlan kept = plan.afterSubmission();
        plan = kept;
        action = RunwayUpscaleAction.attach(run, accepted, kept);
        action.reusedFrom(reusedFrom.build());
        saveRun();
        CompletionStage<?> saved;
        try {
            saved = restored == null ? hook.submitted(kept, accepted) : CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            saved = CompletableFuture.failedFuture(e);
        }
        saved.whenComplete((ignored, saveError) -> inOrder(() -> {
            if (saveError != null) {
                console.saveFailed(earlier.taskId(), unwrap(saveError));
            }
            if (!advance(Phase.SUBMITTING, Phase.WAITING)) {
                return;
            }
            if (restored == null) {
                ended(task, null);
            } else if (advance(Phase.WAITING, Phase.FINISHING)) {
                Instant now = gateway.now();
                console.succeeded(task);
                action.succeeded(task, now);
                TaskReport report = reportOf(TaskReport.succeeded(reported(), task, now));
                downloaded(task, report, restored.workspace(), restored.video(), null);
            }
        }));
    }

    private void sendVideo(SubmissionHook hook, VideoCopy copy) throws IOException {
        if (copy == null) {
            send(hook, k -> gateway.submit(plan, plan.videoUri(), k));
        } else {
            sendCopy(hook, copy);
        }
    }

    /**
     * Submits the controller's copy, streamed from its file: checked first against what the agent read, and deleted
     * once the submission is over (a retried submission reads it again).
     */
    private void sendCopy(SubmissionHook hook, VideoCopy copy) throws IOException {
        boolean handedOver = false;
        try {
            InlineVideoFile video = InlineVideoFile.inspect(
                    copy.file(), plan.videoFile(), plan.settings().dataUriLimit());
            if (!video.sha256().equals(copy.video().sha256())) {
                throw new AbortException(Messages.Upscale_CopyDiffers(plan.videoFile()));
            }
            plan = plan.withSentFile(copy.video());
            send(hook, k -> gateway.submit(plan, video, k)).whenComplete((id, error) -> deleteQuietly(copy));
            handedOver = true;
        } catch (InvalidInputException e) {
            throw new AbortException(e.getMessage());
        } finally {
            if (!handedOver) {
                copy.close();
            }
        }
    }

    /**
     * Sends the submission ({@code submitting} is given the key); returns its answer, done at once when the upscale
     * was stopped before anything was sent.
     */
    private CompletableFuture<String> send(
            SubmissionHook hook, Function<ApiKey, CompletableFuture<String>> submitting) {
        if (!advance(Phase.STARTING, Phase.SUBMITTING)) {
            return CompletableFuture.completedFuture(null);
        }
        console.submitting(plan);
        Instant at = gateway.now();
        CompletableFuture<String> answer = submitting.apply(key);
        answer.whenComplete((id, error) -> inOrder(() -> submitted(id, error, at, hook)));
        return answer;
    }

    private static void closeQuietly(VideoCopy copy) {
        if (copy != null) {
            deleteQuietly(copy);
        }
    }

    private static void deleteQuietly(VideoCopy copy) {
        try {
            copy.close();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not delete the temporary copy " + copy.file(), e);
        }
    }

    /** What an agent call threw, as an exception whose message is for the user. */
    private static AbortException agentFailure(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof AbortException abort
                ? abort
                : new AbortException(Messages.Upscale_AgentFailed(String.valueOf(cause)));
    }

    private void submitted(String id, Throwable error, Instant at, SubmissionHook hook) {
        if (error != null) {
            if (!shuttingDown.getAsBoolean()) {
                finish(new AbortException(unwrap(error).getMessage()));
            }
            return;
        }
        Submission accepted = new Submission(id, at);
        boolean stopped;
        synchronized (this) {
            submission = accepted;
            stopped = phase == Phase.STOPPED;
        }
        UpscalePlan kept = plan.afterSubmission();
        plan = kept;
        if (stopped) {
            // Aborted while CometAPI was still answering: the task exists now, and nobody wants it.
            cancelRemote(id, null);
            return;
        }
        console.submitted(id);
        action = RunwayUpscaleAction.attach(run, accepted, kept);
        saveRun();
        CompletionStage<?> saved;
        try {
            saved = hook.submitted(kept, accepted);
        } catch (RuntimeException e) {
            saved = CompletableFuture.failedFuture(e);
        }
        saved.whenComplete((ignored, saveError) -> inOrder(() -> {
            if (saveError != null) {
                console.saveFailed(id, unwrap(saveError));
            }
            startWaiting();
        }));
    }

    private void startWaiting() {
        Submission known;
        synchronized (this) {
            if (phase != Phase.STARTING && phase != Phase.SUBMITTING) {
                return;
            }
            phase = Phase.WAITING;
            known = submission;
        }
        CompletableFuture<RunwayTask> polling =
                gateway.waitFor(plan, key, known.taskId(), known.submittedAt(), new Progress());
        boolean stopped;
        synchronized (this) {
            waiting = polling;
            stopped = phase == Phase.STOPPED;
        }
        if (stopped) {
            polling.cancel(true);
            return;
        }
        polling.whenComplete((task, error) -> inOrder(() -> ended(task, error)));
    }

    private void ended(RunwayTask task, Throwable error) {
        Throwable cause = error == null ? null : unwrap(error);
        if (cause instanceof CancellationException || cause != null && shuttingDown.getAsBoolean()) {
            // Stopped, or Jenkins is going down: then the task id is saved, and the wait resumes after the restart.
            return;
        }
        if (!advance(Phase.WAITING, Phase.FINISHING)) {
            return;
        }
        Instant now = gateway.now();
        if (cause == null) {
            succeeded(task, now);
        } else {
            failed(cause, now);
        }
    }

    private void succeeded(RunwayTask task, Instant now) {
        console.succeeded(task);
        action.succeeded(task, now);
        TaskReport report = reportOf(TaskReport.succeeded(reported(), task, now));
        if (plan.download() == null) {
            try {
                done(task, archive(report), null);
            } catch (AbortException e) {
                endRecording(e);
            }
            return;
        }
        BuildWorkspace here;
        try {
            here = workspaceForDownload(task.id());
        } catch (AbortException | InterruptedException e) {
            keepUrl(report);
            endRecording(agentFailure(e));
            return;
        }
        console.downloading(task.id(), plan.download(), task.outputs().size());
        // Runway's upscale has one output: the first is saved.
        DownloadLimits limits = plan.downloadLimits();
        agent.call(() -> here.download(task.id(), task.outputs().get(0), plan.download(), limits))
                .whenComplete((saved, error) -> inOrder(() -> downloaded(task, report, here, saved, error)));
    }

    /** After the agent saved the output (or failed to): the .url and .json in any case, then the video if asked. */
    private void downloaded(
            RunwayTask task, TaskReport report, BuildWorkspace here, DownloadedVideo saved, Throwable error) {
        if (isStopped()) {
            return; // aborted: the agent's download was interrupted, and nothing more is recorded
        }
        if (error != null) {
            // The .url and .json are kept also when the download failed: the URL may still be fetched.
            keepUrl(report);
            endRecording(agentFailure(error));
            return;
        }
        console.downloaded(saved);
        action.downloaded(saved);
        List<String> archived = new ArrayList<>();
        try {
            archived.addAll(archive(report.withDownload(saved)));
        } catch (AbortException e) {
            endRecording(e);
            return;
        }
        if (!plan.archiveVideo()) {
            done(task, archived, saved);
            return;
        }
        agent.call(() -> archiveVideo(here, task.id()))
                .whenComplete((artifact, archiveError) -> inOrder(() -> {
                    if (isStopped()) {
                        return;
                    }
                    if (archiveError != null) {
                        Throwable cause = unwrap(archiveError);
                        endRecording(
                                cause instanceof AbortException abort
                                        ? abort
                                        : new AbortException(Messages.Upscale_ArchiveFailed(
                                                task.id(), String.valueOf(cause.getMessage()))));
                        return;
                    }
                    console.archived(List.of(artifact));
                    action.archived(List.of(artifact));
                    archived.add(artifact);
                    done(task, archived, saved);
                }));
    }

    /** Archives the .url and .json of a task whose video could not be saved; a failure here is only logged. */
    private void keepUrl(TaskReport report) {
        try {
            archive(report);
        } catch (AbortException e) {
            console.archiveFailed(e.getMessage());
        }
    }

    private void done(RunwayTask task, List<String> archived, DownloadedVideo saved) {
        saveRun();
        earlierResults.remember(run, plan, submission().taskId(), archived, saved);
        advance(Phase.FINISHING, Phase.DONE);
        // The id the submission returned, never one a later answer names.
        result.complete(new UpscaleOutcome(submission().taskId(), task.outputs(), archived, saved));
    }

    /**
     * Ends an upscale whose result could not be recorded whole, unless Jenkins is going down: then the agent's
     * channel or the download was cut by the shutdown, and the wait resumes after the restart (a fresh read of the
     * task gives a fresh output URL to save).
     */
    private void endRecording(AbortException failure) {
        saveRun();
        if (!shuttingDown.getAsBoolean()) {
            finish(failure);
        }
    }

    /**
     * The workspace as the build's context gives it now, not as it was when the upscale started: during a long wait
     * the agent may have disconnected, reconnected (a new channel) or still be offline after a controller restart.
     */
    private BuildWorkspace workspaceForDownload(String taskId) throws AbortException, InterruptedException {
        String reason;
        try {
            BuildWorkspace here = build.workspace();
            if (here != null) {
                return here;
            }
            reason = Messages.Upscale_NoWorkspace();
        } catch (IOException e) {
            // Pipeline says "Unable to create live FilePath for <agent>" when the agent is offline.
            reason = String.valueOf(e.getMessage());
        }
        throw new AbortException(Messages.Upscale_AgentUnreachable(taskId, plan.download(), reason));
    }

    /** Archives the downloaded video under the task's id, so parallel upscales of one build never collide. */
    private String archiveVideo(BuildWorkspace here, String taskId) throws IOException, InterruptedException {
        String path = plan.download();
        String artifact = TaskArtifacts.FOLDER + "/" + taskId + "/" + path.substring(path.lastIndexOf('/') + 1);
        here.archive(run, build.listener(), path, artifact);
        return artifact;
    }

    /** What every report of this upscale adds: the options sent and the workspace video, if any. */
    private TaskReport reportOf(TaskReport report) {
        // A data URI is described like a file without a name, as the command line does: later runs match its SHA-256.
        InlineVideo sent = plan.sentFile() != null ? plan.sentFile() : plan.submittedVideo();
        TaskReport full = report.withOptions(plan.settings().modelOptions()).withVideoFile(sent);
        return reusedFrom == null ? full : full.withReusedFrom(reusedFrom);
    }

    private void failed(Throwable cause, Instant now) {
        TaskReport report = reportOf(TaskReport.failed(reported(), cause, now));
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

    /** The submission as the task's report tells it: a data URI's video only by its abbreviation. */
    private TaskReport.Submission reported() {
        Submission known = submission();
        return new TaskReport.Submission(
                known.taskId(), plan.model(), plan.runwayVersion(), plan.videoForDisplay(), known.submittedAt());
    }

    private List<String> archive(TaskReport report) throws AbortException {
        if (!plan.archive()) {
            return List.of();
        }
        try {
            List<String> paths = artifacts.publish(run, build.listener(), report);
            console.archived(paths);
            action.archived(paths);
            return paths;
        } catch (IOException e) {
            throw new AbortException(Messages.Upscale_ArchiveFailed(report.taskId(), String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AbortException(Messages.Upscale_ArchiveFailed(report.taskId(), String.valueOf(e)));
        }
    }

    private void recordStop(boolean cancelSent) {
        if (action != null) {
            action.failed(
                    "ABORTED",
                    cancelSent ? Messages.Upscale_Stopped() : Messages.Upscale_StoppedNotCancelled(),
                    gateway.now());
            saveRun();
        }
    }

    /**
     * Sends a best-effort cancel and does not wait for it: the answer only goes to the system log. False when no
     * cancel could be sent (no key, or the engine is closed because Jenkins is shutting down); the console, when
     * given, says which.
     */
    private boolean cancelRemote(String id, UpscaleConsole log) {
        ApiKey cancelKey = key;
        if (cancelKey == null) {
            LOGGER.info(() -> "Could not cancel Runway task " + id + ": the CometAPI key was never loaded");
            if (log != null) {
                log.notCancelled(id, Messages.Upscale_NoKey());
            }
            return false;
        }
        CompletableFuture<CancelResult> answer;
        try {
            answer = gateway.cancel(plan, cancelKey, id);
        } catch (RuntimeException e) {
            LOGGER.log(Level.INFO, "Could not cancel Runway task " + id, e);
            if (log != null) {
                log.notCancelled(id, String.valueOf(e.getMessage()));
            }
            return false;
        }
        if (log != null) {
            log.cancelSent(id);
        }
        answer.thenAccept(outcome -> LOGGER.log(
                outcome.outcome() == CancelResult.Outcome.CANCELLED ? Level.FINE : Level.INFO, outcome.detail()));
        return true;
    }

    private void saveRun() {
        if (run == null) {
            return;
        }
        try {
            run.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save " + run + " after recording Runway task " + taskId(), e);
        }
    }

    /**
     * Runs a piece of the flow on the worker, after the pieces before it. Whatever it throws, an Error included,
     * ends the upscale with a message instead of leaving the build waiting forever, except while Jenkins shuts down
     * (the wait resumes after the restart). The piece's failure never reaches the worker, so the pieces queued
     * behind it still run.
     */
    private void inOrder(Piece piece) {
        try {
            work.execute(() -> {
                try {
                    piece.run();
                } catch (AbortException e) {
                    endUnlessShuttingDown(e);
                } catch (Throwable e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    LOGGER.log(Level.WARNING, "Runway upscale of task " + taskId() + " failed unexpectedly", e);
                    endUnlessShuttingDown(new AbortException(Messages.Upscale_Unexpected(String.valueOf(e))));
                }
            });
        } catch (RejectedExecutionException e) {
            LOGGER.log(Level.WARNING, "Could not run Runway upscale work; Jenkins may be shutting down", e);
            endUnlessShuttingDown(new AbortException(Messages.Upscale_Unexpected(String.valueOf(e))));
        }
    }

    private void endUnlessShuttingDown(AbortException failure) {
        if (!shuttingDown.getAsBoolean()) {
            finish(failure);
        }
    }

    /** Ends the upscale with a failure; polling, if any, stops (the remote task is left as it is). */
    private void finish(AbortException failure) {
        earlierResults.end();
        CompletableFuture<RunwayTask> polling;
        synchronized (this) {
            if (!phase.isOver()) {
                phase = Phase.DONE;
            }
            polling = waiting;
        }
        if (polling != null) {
            polling.cancel(true);
        }
        result.completeExceptionally(failure);
    }

    private synchronized boolean advance(Phase from, Phase to) {
        if (phase != from) {
            return false;
        }
        phase = to;
        return true;
    }

    private synchronized boolean isStopped() {
        return phase == Phase.STOPPED;
    }

    private synchronized boolean isPast(Phase expected) {
        return phase != expected;
    }

    private synchronized Submission submission() {
        return submission;
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
            inOrder(() -> {
                console.status(task);
                action.seen(task);
            });
        }

        @Override
        public void progressChanged(RunwayTask task) {
            lastSeen = task;
            inOrder(() -> {
                console.progress(task);
                action.seen(task);
            });
        }

        @Override
        public void unknownStatus(RunwayTask task) {
            inOrder(() -> console.unknownStatus(task));
        }

        @Override
        public void notYetVisible(String id) {
            inOrder(() -> console.notYetVisible(id));
        }

        @Override
        public void nextPoll(Instant at) {
            nextPoll = at;
        }
    }
}
