package io.jenkins.plugins.runwayupscale.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Real time: one daemon thread runs every scheduled poll and retry in the JVM; the actions themselves are short. */
public final class SystemScheduler implements Scheduler, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SystemScheduler.class.getName());
    private final Clock clock;
    private final ScheduledThreadPoolExecutor executor;

    public SystemScheduler() {
        this(Clock.systemUTC());
    }

    public SystemScheduler(Clock clock) {
        this.clock = clock;
        this.executor = new ScheduledThreadPoolExecutor(
                1, new ApacheHttpTransport.NamedDaemonThreads("runway-upscale-scheduler"));
        // Cancelled polls must not linger in the queue: with thousands of waits that would be a leak.
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable action) {
        long nanos = Math.max(0, delay.toNanos());
        ScheduledFuture<?> future = executor.schedule(() -> runSafely(action), nanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    private static void runSafely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException | Error e) {
            // One broken callback must not kill the only scheduler thread of the JVM.
            LOG.log(System.Logger.Level.WARNING, "A scheduled Runway upscale action failed", e);
        }
    }

    /** Number of actions waiting to run; for diagnostics and benchmarks. */
    public int pending() {
        return executor.getQueue().size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
