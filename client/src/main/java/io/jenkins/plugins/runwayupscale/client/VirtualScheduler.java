package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * Virtual time for tests and simulations: nothing runs until {@link #advanceBy} or {@link #runNext} moves the
 * clock, then due actions run on the calling thread in time order. Thread-safe, so real asynchronous I/O can
 * schedule into it.
 */
public final class VirtualScheduler implements Scheduler {
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private Instant now;
    private long sequence;

    public VirtualScheduler(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable action) {
        Duration d = delay.isNegative() ? Duration.ZERO : delay;
        Entry e = new Entry(now.plus(d), sequence++, action);
        queue.add(e);
        return () -> {
            synchronized (VirtualScheduler.this) {
                return queue.remove(e);
            }
        };
    }

    /** Moves the clock forward, running every action that falls due on the way (including ones they schedule). */
    public void advanceBy(Duration amount) {
        Instant target;
        synchronized (this) {
            target = now.plus(amount);
        }
        advanceTo(target);
    }

    public void advanceTo(Instant target) {
        while (true) {
            Entry next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at.isAfter(target)) {
                    if (target.isAfter(now)) {
                        now = target;
                    }
                    return;
                }
                queue.poll();
                if (next.at.isAfter(now)) {
                    now = next.at;
                }
            }
            next.action.run();
        }
    }

    /** Jumps to the next due action and runs it; false when nothing is pending. */
    public boolean runNext() {
        Entry next;
        synchronized (this) {
            next = queue.poll();
            if (next == null) {
                return false;
            }
            if (next.at.isAfter(now)) {
                now = next.at;
            }
        }
        next.action.run();
        return true;
    }

    public synchronized int pending() {
        return queue.size();
    }

    /** When the next action is due, or null when nothing is pending. */
    public synchronized Instant nextDue() {
        Entry e = queue.peek();
        return e == null ? null : e.at;
    }

    private record Entry(Instant at, long seq, Runnable action) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
