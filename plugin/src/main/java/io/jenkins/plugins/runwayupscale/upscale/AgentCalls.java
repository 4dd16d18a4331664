package io.jenkins.plugins.runwayupscale.upscale;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * The calls of one upscale to the agent that holds its workspace (copying the video, saving the output, archiving
 * it): they block for as long as the agent takes, so they run on a pool of their own, never on the few workers every
 * upscale needs. One at a time; {@link #stop()} interrupts the one running, which cancels the remote call (remoting
 * then interrupts the agent's thread), and refuses later ones.
 */
final class AgentCalls {
    private final Executor pool;
    // Guarded by `this`.
    private FutureTask<?> running;
    private boolean stopped;

    AgentCalls(Executor pool) {
        this.pool = pool;
    }

    /** Runs {@code call} on the pool; the future completes with its result or what it threw, an Error included. */
    <T> CompletableFuture<T> call(Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        FutureTask<T> task = new FutureTask<>(call) {
            @Override
            protected void done() {
                try {
                    result.complete(get());
                } catch (ExecutionException e) {
                    result.completeExceptionally(e.getCause());
                } catch (CancellationException e) {
                    result.completeExceptionally(e);
                } catch (InterruptedException e) {
                    // get() after done() does not wait, so this cannot happen; keep the flag all the same.
                    Thread.currentThread().interrupt();
                    result.completeExceptionally(e);
                }
            }
        };
        synchronized (this) {
            if (stopped) {
                result.completeExceptionally(new CancellationException("the upscale was stopped"));
                return result;
            }
            running = task;
        }
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Interrupts the call running, if any, and refuses new ones. */
    void stop() {
        FutureTask<?> current;
        synchronized (this) {
            stopped = true;
            current = running;
        }
        if (current != null) {
            current.cancel(true);
        }
    }
}
