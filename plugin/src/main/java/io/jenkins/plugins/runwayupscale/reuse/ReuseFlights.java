package io.jenkins.plugins.runwayupscale.reuse;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upscales of one job under way with the same key (parallel branches of a build with the same video): the first
 * leads and submits, the others wait for it and then take its result, so the same video is never paid for twice at
 * once. In memory only: a follower waits before it has sent anything, so a restart loses nothing paid.
 */
public final class ReuseFlights {
    private static final ConcurrentHashMap<String, CompletableFuture<Void>> UNDER_WAY = new ConcurrentHashMap<>();

    private ReuseFlights() {}

    /** Joins the flight of {@code key} in the job: as its leader when none is under way, else as a follower. */
    public static Flight board(Path jobRoot, String key) {
        String id = jobRoot.toAbsolutePath().normalize() + "\n" + key;
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> earlier = UNDER_WAY.putIfAbsent(id, mine);
        return earlier == null ? new Flight(id, mine, true) : new Flight(id, earlier, false);
    }

    /** One upscale's place in a flight. */
    public static final class Flight {
        private final String id;
        private final CompletableFuture<Void> landing;
        private final boolean leads;

        private Flight(String id, CompletableFuture<Void> landing, boolean leads) {
            this.id = id;
            this.landing = landing;
            this.leads = leads;
        }

        /** True for the upscale that submits; the others wait for {@link #landed()}. */
        public boolean leads() {
            return leads;
        }

        /** Completes when the leader ended, whichever way: then look in the index again. */
        public CompletableFuture<Void> landed() {
            return landing;
        }

        /** The leader ended (its result, if any, is in the index): followers go on. Idempotent; no-op for them. */
        public void end() {
            if (leads) {
                UNDER_WAY.remove(id, landing);
                landing.complete(null);
            }
        }
    }
}
