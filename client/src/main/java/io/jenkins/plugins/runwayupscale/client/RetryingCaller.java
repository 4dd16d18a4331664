package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes one API call with the retries its {@link CallKind} allows, waiting between attempts on the scheduler
 * (never on a thread) and never past the caller's deadline: an exchange still under way then (a server that
 * drips its answer byte by byte) is cancelled, and the call fails with a {@link TaskTimedOutException}. A call with a
 * streamed body (an inline video) first waits for one of the engine's {@link InlineSlots} and holds it to its end.
 */
final class RetryingCaller {
    /** A call begun at its deadline (the wait's last look) still gets this long. */
    static final Duration LAST_LOOK = Duration.ofMillis(500);

    /** Reads a 2xx answer into a value, or says why it cannot. */
    @FunctionalInterface
    interface AnswerReader<T> {
        T read(HttpAnswer answer) throws RunwayException;
    }

    private final HttpTransport transport;
    private final Scheduler scheduler;
    private final Backoff backoff;
    private final InlineSlots inlineSlots;

    RetryingCaller(HttpTransport transport, Scheduler scheduler, Backoff backoff, InlineSlots inlineSlots) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.inlineSlots = inlineSlots;
    }

    /**
     * Sends {@code request} for {@code call}; answers that {@link CallKind#isResult} accepts go to the reader, every
     * other answer or error is classified and retried as the call's kind allows.
     */
    <T> CompletableFuture<T> call(
            RequestBudget budget,
            ApiCall call,
            HttpCall request,
            FailureClassifier classifier,
            Instant deadline,
            AnswerReader<T> reader) {
        Attempts<T> attempts = new Attempts<>(budget, call, request, classifier, deadline, reader);
        attempts.guard();
        if (request.upload() == null) {
            attempts.start(1);
        } else {
            attempts.startWithSlot();
        }
        return attempts.result;
    }

    /** The state of one call across its attempts; cancelling the result stops whatever is under way. */
    private final class Attempts<T> {
        private final RequestBudget budget;
        private final ApiCall call;
        private final HttpCall request;
        private final FailureClassifier classifier;
        private final Instant deadline;
        private final AnswerReader<T> reader;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private final AtomicReference<Runnable> stopCurrent = new AtomicReference<>(() -> {});
        private final Instant begun = scheduler.now();
        private volatile boolean sent;

        Attempts(
                RequestBudget budget,
                ApiCall call,
                HttpCall request,
                FailureClassifier classifier,
                Instant deadline,
                AnswerReader<T> reader) {
            this.budget = budget;
            this.call = call;
            this.request = request;
            this.classifier = classifier;
            this.deadline = deadline;
            this.reader = reader;
            result.whenComplete((v, e) -> {
                if (result.isCancelled()) {
                    stopCurrent.get().run();
                }
            });
        }

        /** Cuts the call off at its deadline, whatever is under way; a call that ends first disarms it. */
        void guard() {
            if (deadline == null) {
                return;
            }
            Instant at = deadline.isBefore(begun.plus(LAST_LOOK)) ? begun.plus(LAST_LOOK) : deadline;
            Scheduler.Scheduled cutOff = scheduler.schedule(Duration.between(begun, at), this::deadlineReached);
            result.whenComplete((v, e) -> cutOff.cancel());
        }

        private void deadlineReached() {
            Runnable underWay = stopCurrent.get();
            if (result.completeExceptionally(
                    classifier.deadlineReached(call, Duration.between(begun, scheduler.now()), sent))) {
                underWay.run();
            }
        }

        /** Waits for an inline slot, held until the call ends, whatever ends it; then as {@link #start}. */
        void startWithSlot() {
            CompletableFuture<Void> slot = inlineSlots.acquire();
            result.whenComplete((v, e) -> {
                if (!slot.cancel(false)) {
                    inlineSlots.release();
                }
            });
            slot.whenComplete((go, cancelled) -> {
                if (cancelled == null) {
                    start(1);
                }
            });
        }

        /** Every attempt waits for its turn in the key's budget first; that wait is cancelled with the call. */
        void start(int attempt) {
            if (result.isDone()) {
                return;
            }
            CompletableFuture<Void> turn = budget.acquire(call.kind());
            stopCurrent.set(() -> turn.cancel(false));
            if (result.isCancelled()) {
                turn.cancel(false);
                return;
            }
            turn.whenComplete((go, cancelled) -> {
                if (cancelled == null) {
                    try {
                        send(attempt);
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                }
            });
        }

        private void send(int attempt) {
            if (result.isDone()) {
                return;
            }
            sent = true;
            CompletableFuture<HttpAnswer> sending = transport.send(request);
            stopCurrent.set(() -> sending.cancel(true));
            if (result.isCancelled()) {
                sending.cancel(true);
                return;
            }
            sending.whenComplete((answer, error) -> finished(attempt, answer, error));
        }

        private void finished(int attempt, HttpAnswer answer, Throwable error) {
            if (result.isDone()) {
                return;
            }
            CallFailure failure;
            if (error != null) {
                failure = classifier.transport(call, error);
            } else if (call.kind().isResult(answer.status())) {
                try {
                    result.complete(reader.read(answer));
                } catch (RunwayException e) {
                    result.completeExceptionally(e);
                } catch (RuntimeException e) {
                    result.completeExceptionally(classifier.unusable(call, answer, "could not be read (" + e + ")"));
                }
                return;
            } else {
                if (answer.status() == 429) {
                    budget.rateLimited(RetryAfter.of(answer, scheduler.now()));
                }
                failure = classifier.answer(call, answer, scheduler.now());
            }
            retryOrFail(attempt, failure);
        }

        private void retryOrFail(int attempt, CallFailure failure) {
            if (!failure.retryable() || attempt >= call.kind().maxAttempts()) {
                result.completeExceptionally(failure.error());
                return;
            }
            Duration wait = backoff.delay(attempt, failure.retryAfter());
            if (deadline != null && scheduler.now().plus(wait).isAfter(deadline)) {
                result.completeExceptionally(failure.error());
                return;
            }
            Scheduler.Scheduled next = scheduler.schedule(wait, () -> start(attempt + 1));
            stopCurrent.set(next::cancel);
            if (result.isCancelled()) {
                next.cancel();
            }
        }
    }
}
