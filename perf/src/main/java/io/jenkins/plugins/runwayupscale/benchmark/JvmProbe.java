package io.jenkins.plugins.runwayupscale.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Reads this JVM: heap after GC, live threads, and (sampled) peaks while something runs. */
final class JvmProbe {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private JvmProbe() {}

    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    static long heapUsed() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    static int engineThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("runway-upscale-"))
                .count();
    }

    static void resetPeakThreads() {
        THREADS.resetPeakThreadCount();
    }

    static int peakThreads() {
        return THREADS.getPeakThreadCount();
    }

    /** Samples a figure on a thread of its own until closed, keeping the maximum. */
    static final class Sampler implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong maxHeap = new AtomicLong();
        private final AtomicInteger maxEngineThreads = new AtomicInteger();
        private final Thread thread;

        Sampler(long everyMillis) {
            thread = new Thread(
                    () -> {
                        while (running.get()) {
                            maxHeap.accumulateAndGet(heapUsed(), Math::max);
                            maxEngineThreads.accumulateAndGet(engineThreads(), Math::max);
                            try {
                                // A sampler samples on a period; nothing is being waited for here.
                                Thread.sleep(everyMillis);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "benchmark-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long maxHeap() {
            return maxHeap.get();
        }

        int maxEngineThreads() {
            return maxEngineThreads.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.interrupt();
            thread.join();
        }
    }
}
