package io.jenkins.plugins.runwayupscale.upscale;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** A worker pool that runs nothing until the test says so, so "nothing happened yet" can be asserted. */
public final class ManualExecutor implements Executor {
    private final Queue<Runnable> queue = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable work) {
        queue.add(work);
    }

    /** Runs everything queued, including what that queues in turn. */
    public void runAll() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
            }
            if (next == null) {
                return;
            }
            next.run();
        }
    }

    public synchronized int pending() {
        return queue.size();
    }
}
