package io.jenkins.plugins.runwayupscale.upscale;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one upscale's work one piece at a time, in order, on a shared pool. The engine reports from its own threads
 * and must not be blocked; this moves log lines, build records and archiving off them without reordering them.
 */
final class OrderedExecutor implements Executor {
    private static final Logger LOGGER = Logger.getLogger(OrderedExecutor.class.getName());

    private final Executor pool;
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private boolean draining;

    OrderedExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable work) {
        synchronized (queue) {
            queue.add(work);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            pool.execute(this::drain);
        } catch (RuntimeException e) {
            synchronized (queue) {
                draining = false;
                queue.clear();
            }
            LOGGER.log(Level.WARNING, "Could not run Runway upscale work; Jenkins may be shutting down", e);
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (queue) {
                next = queue.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                // One failed piece must not stop the ones queued behind it (they may be what completes the build).
                LOGGER.log(Level.WARNING, "Runway upscale work failed", e);
            }
        }
    }
}
