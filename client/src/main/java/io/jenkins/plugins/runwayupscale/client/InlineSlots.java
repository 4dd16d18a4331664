package io.jenkins.plugins.runwayupscale.client;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * How many inline submissions (streamed bodies) the engine has under way at once, each with its file open and its
 * upload or answer pending; further ones wait in a queue as futures, holding no thread and no file. Thread-safe.
 */
final class InlineSlots {
    private final int limit;
    private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private int inUse;

    InlineSlots(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("at least one inline submission must be allowed");
        }
        this.limit = limit;
    }

    /**
     * Completes when a slot is the caller's, who must then {@link #release} it once. Cancelling the future before that
     * gives up its place; whether it was cancelled in time is what {@code cancel} returns.
     */
    CompletableFuture<Void> acquire() {
        CompletableFuture<Void> slot = new CompletableFuture<>();
        synchronized (this) {
            if (inUse < limit) {
                inUse++;
                slot.complete(null);
                return slot;
            }
            waiting.addLast(slot);
        }
        slot.whenComplete((v, e) -> {
            if (slot.isCancelled()) {
                forget(slot);
            }
        });
        return slot;
    }

    /** Hands the slot to the next one waiting, or frees it. Completions run outside the lock. */
    void release() {
        while (true) {
            CompletableFuture<Void> next;
            synchronized (this) {
                next = waiting.pollFirst();
                if (next == null) {
                    inUse--;
                    return;
                }
            }
            if (next.complete(null)) {
                return;
            }
        }
    }

    private synchronized void forget(CompletableFuture<Void> slot) {
        waiting.remove(slot);
    }

    synchronized int inUse() {
        return inUse;
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
