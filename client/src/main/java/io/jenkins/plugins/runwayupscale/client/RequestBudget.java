package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The requests one API key may send: at most a ceiling per second, spaced evenly, submissions before everything
 * else. A 429 on any request of the key halves the rate for all of them (at most once a second, never below one
 * request every ten seconds) and holds every request for as long as the server's Retry-After asks (up to a
 * minute); each second
 * without a 429 gives back a hundredth of the ceiling. Requests wait in queues drained by one scheduled callback,
 * never on a thread. Thread-safe.
 */
final class RequestBudget {
    static final double LOWEST_RATE = 0.1;
    private static final Duration ADJUST_EVERY = Duration.ofSeconds(1);
    private static final double INCREASE_SHARE = 0.01;

    private final Scheduler scheduler;
    private final double ceiling;
    private final ArrayDeque<CompletableFuture<Void>> submissions = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<Void>> others = new ArrayDeque<>();
    private double rate;
    private Instant nextSlot;
    private Instant heldUntil;
    private Instant lastDecrease;
    private Instant lastIncrease;
    private boolean drainScheduled;

    /** @param ceiling requests per second at most, positive */
    RequestBudget(Scheduler scheduler, double ceiling) {
        if (!(ceiling > 0)) {
            throw new IllegalArgumentException("the request ceiling must be positive");
        }
        this.scheduler = scheduler;
        this.ceiling = ceiling;
        this.rate = ceiling;
        Instant now = scheduler.now();
        this.nextSlot = now;
        this.heldUntil = now;
        this.lastDecrease = now.minus(ADJUST_EVERY);
        this.lastIncrease = now;
    }

    /** Completes when the request may go; cancelling it gives up its place in the queue. */
    CompletableFuture<Void> acquire(CallKind kind) {
        synchronized (this) {
            Instant now = scheduler.now();
            recover(now);
            if (submissions.isEmpty() && others.isEmpty() && !now.isBefore(gate())) {
                take(now);
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> turn = new CompletableFuture<>();
            (kind == CallKind.SUBMIT ? submissions : others).addLast(turn);
            scheduleDrain(now);
            return turn;
        }
    }

    /** A request of this key was answered 429, asking to wait {@code retryAfter} (or null). */
    synchronized void rateLimited(Duration retryAfter) {
        Instant now = scheduler.now();
        recover(now);
        if (!now.isBefore(lastDecrease.plus(ADJUST_EVERY))) {
            rate = Math.max(LOWEST_RATE, rate / 2);
            lastDecrease = now;
            lastIncrease = now;
        }
        if (retryAfter != null) {
            // As for one call's retries: a server asking for more than a minute gets a minute.
            Instant until = now.plus(retryAfter.compareTo(Backoff.CAP) > 0 ? Backoff.CAP : retryAfter);
            heldUntil = until.isAfter(heldUntil) ? until : heldUntil;
        }
    }

    /** Requests per second allowed now. */
    synchronized double rate() {
        recover(scheduler.now());
        return rate;
    }

    private void recover(Instant now) {
        while (rate < ceiling && !now.isBefore(lastIncrease.plus(ADJUST_EVERY))) {
            rate = Math.min(ceiling, rate + Math.max(LOWEST_RATE, ceiling * INCREASE_SHARE));
            lastIncrease = lastIncrease.plus(ADJUST_EVERY);
        }
    }

    private Instant gate() {
        return nextSlot.isAfter(heldUntil) ? nextSlot : heldUntil;
    }

    private void take(Instant now) {
        Instant from = nextSlot.isAfter(now) ? nextSlot : now;
        nextSlot = from.plusNanos((long) (1e9 / rate));
    }

    private void scheduleDrain(Instant now) {
        if (!drainScheduled) {
            drainScheduled = true;
            scheduler.schedule(Duration.between(now, gate()), this::drain);
        }
    }

    private void drain() {
        List<CompletableFuture<Void>> go = new ArrayList<>();
        synchronized (this) {
            drainScheduled = false;
            Instant now = scheduler.now();
            recover(now);
            while (!now.isBefore(gate())) {
                CompletableFuture<Void> next = submissions.isEmpty() ? others.pollFirst() : submissions.pollFirst();
                if (next == null) {
                    break;
                }
                if (!next.isDone()) {
                    take(now);
                    go.add(next);
                }
            }
            if (!submissions.isEmpty() || !others.isEmpty()) {
                scheduleDrain(now);
            }
        }
        // Outside the lock: each completion sends a request, whose answer may come back here.
        go.forEach(f -> f.complete(null));
    }
}
