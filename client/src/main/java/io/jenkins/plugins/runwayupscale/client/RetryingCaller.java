package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;

/**
 * Makes one API call with the retries its {@link CallKind} allows, waiting between attempts on the scheduler
 * (never on a thread) and never past the caller's deadline.
 */
final class RetryingCaller {
    /** Reads a 2xx answer into a value, or says why it cannot. */
    @FunctionalInterface
    interface AnswerReader<T> {
        T read(HttpAnswer answer) throws RunwayException;
    }

    private final HttpTransport transport;
    private final Scheduler scheduler;
    private final Backoff backoff;

    RetryingCaller(HttpTransport transport, Scheduler scheduler, Backoff backoff) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.backoff = backoff;
    }

    <T> CompletableFuture<T> call(
            CallKind kind,
            HttpCall call,
            FailureClassifier classifier,
            String subject,
            Instant deadline,
            AnswerReader<T> reader) {
        return call(kind, call, classifier, subject, deadline, RetryingCaller::isSuccess, reader);
    }

    /** As above, handing the reader every answer whose status {@code readable} accepts instead of only 2xx. */
    <T> CompletableFuture<T> call(
            CallKind kind,
            HttpCall call,
            FailureClassifier classifier,
            String subject,
            Instant deadline,
            IntPredicate readable,
            AnswerReader<T> reader) {
        Attempts<T> attempts = new Attempts<>(kind, call, classifier, subject, deadline, readable, reader);
        attempts.start(1);
        return attempts.result;
    }

    static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    /** The state of one call across its attempts; cancelling the result stops whatever is under way. */
    private final class Attempts<T> {
        private final CallKind kind;
        private final HttpCall call;
        private final FailureClassifier classifier;
        private final String subject;
        private final Instant deadline;
        private final IntPredicate readable;
        private final AnswerReader<T> reader;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private final AtomicReference<Runnable> stopCurrent = new AtomicReference<>(() -> {});

        Attempts(
                CallKind kind,
                HttpCall call,
                FailureClassifier classifier,
                String subject,
                Instant deadline,
                IntPredicate readable,
                AnswerReader<T> reader) {
            this.kind = kind;
            this.call = call;
            this.classifier = classifier;
            this.subject = subject;
            this.deadline = deadline;
            this.readable = readable;
            this.reader = reader;
            result.whenComplete((v, e) -> {
                if (result.isCancelled()) {
                    stopCurrent.get().run();
                }
            });
        }

        void start(int attempt) {
            if (result.isDone()) {
                return;
            }
            CompletableFuture<HttpAnswer> sending = transport.send(call);
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
                failure = classifier.transport(kind, error, subject);
            } else if (readable.test(answer.status())) {
                try {
                    result.complete(reader.read(answer));
                } catch (RunwayException e) {
                    result.completeExceptionally(e);
                } catch (RuntimeException e) {
                    result.completeExceptionally(
                            classifier.unusable(kind, answer, "could not be read (" + e + ")", subject));
                }
                return;
            } else {
                failure = classifier.answer(kind, answer, scheduler.now(), subject);
            }
            retryOrFail(attempt, failure);
        }

        private void retryOrFail(int attempt, CallFailure failure) {
            if (!failure.retryable() || attempt >= kind.maxAttempts()) {
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
