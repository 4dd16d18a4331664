package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Waits for one task without holding a thread: each poll is a scheduled callback that fires an async read,
 * whose completion schedules the next poll or completes {@link #result()}. Cancelling the result stops at once.
 */
final class TaskWaiter {
    private static final int HISTORY = 16;

    private final RunwayClient client;
    private final PollingPolicy policy;
    private final Scheduler scheduler;
    private final String taskId;
    private final Instant submittedAt;
    private final Instant deadline;
    private final Instant graceEnds;
    private final WaitListener listener;
    private final CompletableFuture<RunwayTask> result = new CompletableFuture<>();

    // Touched only by the one callback chain of this wait (scheduler -> read -> schedule), never concurrently.
    private final ArrayDeque<PollState.Observation> history = new ArrayDeque<>();
    private final Set<String> unknownReported = new HashSet<>(2);
    private RunwayTask last;
    private Instant readingSince;
    private Instant previousReadAt;
    private Instant runningFrom;
    private Instant runningSeenAt;
    private Instant lastReadAt;
    private int polls;
    private boolean notYetVisibleReported;
    private volatile Scheduler.Scheduled nextPoll;
    private volatile CompletableFuture<RunwayTask> reading;

    TaskWaiter(
            RunwayClient client,
            PollingPolicy policy,
            Scheduler scheduler,
            String taskId,
            Instant submittedAt,
            Instant deadline,
            Duration grace,
            WaitListener listener) {
        this.client = client;
        this.policy = policy;
        this.scheduler = scheduler;
        this.taskId = taskId;
        this.submittedAt = submittedAt;
        this.deadline = deadline;
        this.graceEnds = submittedAt.plus(grace);
        this.listener = listener;
        result.whenComplete((task, error) -> {
            if (result.isCancelled()) {
                stop();
            }
        });
    }

    CompletableFuture<RunwayTask> result() {
        return result;
    }

    void begin() {
        scheduleNext();
    }

    private void stop() {
        Scheduler.Scheduled pending = nextPoll;
        if (pending != null) {
            pending.cancel();
        }
        CompletableFuture<RunwayTask> inFlight = reading;
        if (inFlight != null) {
            inFlight.cancel(true);
        }
    }

    private void poll() {
        if (result.isDone()) {
            return;
        }
        try {
            fireRead();
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        }
    }

    private void fireRead() {
        CompletableFuture<RunwayTask> read = client.read(taskId, deadline);
        reading = read;
        if (result.isCancelled()) {
            read.cancel(true);
            return;
        }
        read.whenComplete(this::answeredSafely);
    }

    /**
     * A listener or policy that throws must not leave the wait hanging for ever: whatever goes wrong in the chain
     * ends the wait with that error.
     */
    private void answeredSafely(RunwayTask task, Throwable error) {
        try {
            answered(task, error);
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        }
    }

    private void answered(RunwayTask task, Throwable error) {
        reading = null;
        if (result.isDone()) {
            return;
        }
        if (error != null) {
            Throwable cause = Futures.cause(error);
            if (cause instanceof TaskTimedOutException) {
                // The read was cut off at the wait's deadline: that is the wait timing out, with what was seen.
                result.completeExceptionally(timedOut(scheduler.now()));
                return;
            }
            if (cause instanceof TaskLostException lost && lost.isNotYetVisible()) {
                notYetVisible(lost);
                return;
            }
            result.completeExceptionally(cause);
            return;
        }
        observe(task);
        if (task.status().isTerminal()) {
            finish(task);
        } else {
            scheduleNext();
        }
    }

    private void notYetVisible(TaskLostException lost) {
        Instant now = scheduler.now();
        if (last == null && now.isBefore(graceEnds)) {
            if (!notYetVisibleReported) {
                notYetVisibleReported = true;
                listener.notYetVisible(taskId);
            }
            scheduleNext();
            return;
        }
        String when = last == null
                ? Durations.describe(Duration.between(submittedAt, now)) + " after submission"
                : "after it had been seen as " + last.describeStatus();
        result.completeExceptionally(new TaskLostException(
                "Runway task " + taskId + " is still unknown to CometAPI (task_not_exist) " + when
                        + "; it was lost or the key belongs to another account.",
                lost.facts(),
                false));
    }

    private void observe(RunwayTask task) {
        Instant now = scheduler.now();
        polls++;
        boolean statusChanged =
                last == null || last.status() != task.status() || !Objects.equals(last.rawStatus(), task.rawStatus());
        boolean progressChanged = !statusChanged && !Objects.equals(last.progress(), task.progress());
        if (statusChanged || progressChanged) {
            readingSince = now;
        }
        if (runningFrom == null && task.status() == TaskStatus.RUNNING) {
            // The task started somewhere between the previous reading and this one: take the earlier bound.
            runningFrom = lastReadAt == null ? submittedAt : lastReadAt;
            runningSeenAt = now;
        }
        previousReadAt = lastReadAt;
        lastReadAt = now;
        if (last == null || statusChanged || tenth(last.progress()) != tenth(task.progress())) {
            history.addLast(new PollState.Observation(now, task.status(), task.progress()));
            if (history.size() > HISTORY) {
                history.removeFirst();
            }
        }
        last = task;
        if (statusChanged) {
            listener.statusChanged(task);
        } else if (progressChanged) {
            listener.progressChanged(task);
        }
        if (task.status() == TaskStatus.UNKNOWN && unknownReported.add(String.valueOf(task.rawStatus()))) {
            listener.unknownStatus(task);
        }
    }

    private static int tenth(Double progress) {
        return progress == null ? -1 : (int) Math.floor(progress * 10 + 1e-9);
    }

    private void finish(RunwayTask task) {
        policy.taskFinished(state(scheduler.now()));
        switch (task.status()) {
            case SUCCEEDED -> succeed(task);
            case FAILED ->
                result.completeExceptionally(
                        new TaskFailedException(task, client.settings().model()));
            default -> result.completeExceptionally(new TaskCancelledException(taskId));
        }
    }

    private void succeed(RunwayTask task) {
        List<String> usable =
                task.outputs().stream().filter(OutputUrls::isAcceptable).toList();
        if (usable.isEmpty()) {
            result.completeExceptionally(new InvalidResponseException(
                    "Runway task " + taskId + " SUCCEEDED but gave no https output URL (outputs: "
                            + Excerpt.cut(String.join(", ", task.outputs()), 300) + ").",
                    CallFacts.task(taskId)));
            return;
        }
        result.complete(new RunwayTask(
                task.id(),
                task.status(),
                task.rawStatus(),
                task.progress(),
                usable,
                task.failure(),
                task.failureCode(),
                task.createdAt()));
    }

    private PollState state(Instant now) {
        return new PollState(
                taskId,
                client.settings().model(),
                submittedAt,
                now,
                polls,
                last,
                readingSince,
                previousReadAt,
                runningFrom,
                runningSeenAt,
                List.copyOf(history));
    }

    private TaskTimedOutException timedOut(Instant now) {
        return new TaskTimedOutException(taskId, Duration.between(submittedAt, now), last);
    }

    private void scheduleNext() {
        Instant now = scheduler.now();
        if (!now.isBefore(deadline)) {
            result.completeExceptionally(timedOut(now));
            return;
        }
        Duration delay = policy.nextDelay(state(now));
        Instant at = now.plus(delay);
        if (at.isAfter(deadline)) {
            // One last look exactly at the deadline beats giving up without knowing.
            at = deadline;
        }
        listener.nextPoll(at);
        nextPoll = scheduler.schedule(Duration.between(now, at), this::poll);
        if (result.isCancelled()) {
            nextPoll.cancel();
        }
    }
}
